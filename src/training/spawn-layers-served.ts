/** The served build's tf.layers training worker: its own module file next to the deck's scripts. */
export { default } from './layers-worker-main.ts?worker';

/** The served build's training worker: its own module file next to the deck's scripts. */
export { default } from './worker-main.ts?worker';

/** The single-file build's tf.layers training worker: inlined and started from a Blob URL as a classic worker (see spawn-inline.ts). */
export { default } from './layers-worker-main.ts?worker&inline';

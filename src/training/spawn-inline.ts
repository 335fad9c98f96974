/**
 * The single-file build's training worker: its code is inlined and started from a Blob
 * URL, which works from file:// where a worker file could not be loaded.
 */
export { default } from './worker-main.ts?worker&inline';

/**
 * The single-file build's training worker: its code is inlined and started from a Blob
 * URL, which works from file:// where a worker file could not be loaded. It is a classic
 * worker there (vite.config.ts sets the format): Chromium refuses module workers from
 * blob: URLs on file:// pages.
 */
export { default } from './worker-main.ts?worker&inline';

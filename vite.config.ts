/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { canOpenBrowser } from './src/build/can-open-browser.ts';
import { deckPlugin } from './src/build/vite-plugin-deck.ts';

const root = import.meta.dirname;

// `vite build --mode single` writes one self-contained HTML file for file:// use.
// DECK_SLIDES and DECK_OUT build another slide folder (the tests' fixture decks) elsewhere.
export default defineConfig(({ mode }) => {
  const single = mode === 'single';
  return {
    root,
    base: './',
    plugins: [...deckPlugin({ root, slidesDir: process.env.DECK_SLIDES ?? 'slides', preloadFonts: !single }), ...(single ? [viteSingleFile({ removeViteModuleLoader: true })] : [])],
    build: {
      outDir: process.env.DECK_OUT ?? (single ? 'dist-single' : 'dist'),
      emptyOutDir: true,
      target: 'es2022',
      chunkSizeWarningLimit: 4096,
      assetsInlineLimit: single ? Number.MAX_SAFE_INTEGER : 4096,
      modulePreload: single ? false : { polyfill: false },
    },
    // `npm start` opens the deck in a browser where one can open; `npm run dev` only serves it.
    server: { port: 5173, strictPort: false, open: process.env.npm_lifecycle_event === 'start' && canOpenBrowser() },
    preview: { port: 4173 },
    test: {
      include: ['tests/unit/**/*.test.ts'],
      environment: 'node',
      testTimeout: 60_000,
      // tfjs greets every test file that runs it in Node with advice to install tfjs-node (which needs a native download); the CPU backend is what these tests mean to run.
      onConsoleLog: (log) => !log.includes('looks like you are running TensorFlow.js in Node.js'),
    },
  };
});

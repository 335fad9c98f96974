/// <reference types="vitest/config" />
import { defineConfig } from 'vite';
import { viteSingleFile } from 'vite-plugin-singlefile';
import { canOpenBrowser } from './src/build/can-open-browser.ts';
import { contentSecurityPolicy } from './src/build/content-security-policy.ts';
import { deckPlugin } from './src/build/vite-plugin-deck.ts';
import { lazyInlineChunks } from './src/build/lazy-inline-chunks.ts';

const root = import.meta.dirname;

// `vite build --mode single` writes one self-contained HTML file for file:// use.
// DECK_SLIDES and DECK_OUT build another slide folder (the tests' fixture decks) elsewhere.
/**
 * The single-file build keeps code splitting: lazy chunks (TensorFlow.js, demos, figures)
 * become inert text in the page and are only parsed when first imported, so the first
 * slide does not wait for them. vite-plugin-singlefile inlines the entry and the CSS.
 */
function singleFilePlugins() {
  return [lazyInlineChunks(), viteSingleFile({ removeViteModuleLoader: true, useRecommendedBuildConfig: false })];
}

/**
 * Everything the page's entry imports statically stays in the entry chunk. Left to itself,
 * the bundler moves modules that the entry shares with lazy chunks (a demo's schema is
 * bundled with the page and imported again by the demo's code) into chunks of their own
 * once the sharing gets more involved, e.g. a spec module shared by two demos' schemas:
 * the served page then fetches a dozen small chunks before its first slide, and the
 * single file cannot start at all (its entry is inline and can import nothing statically).
 */
const ENTRY_GROUP = { name: 'index', tags: ['$initial' as const] };

export default defineConfig(({ mode }) => {
  const single = mode === 'single';
  return {
    root,
    base: './',
    // The policy plugin comes last: in the single file it hashes the scripts the others inlined.
    plugins: [
      ...deckPlugin({ root, slidesDir: process.env.DECK_SLIDES ?? 'slides', preloadFonts: !single }),
      ...(single ? singleFilePlugins() : []),
      contentSecurityPolicy({ single }),
    ],
    build: {
      outDir: process.env.DECK_OUT ?? (single ? 'dist-single' : 'dist'),
      emptyOutDir: true,
      target: 'es2022',
      chunkSizeWarningLimit: 4096,
      assetsInlineLimit: single ? Number.MAX_SAFE_INTEGER : 4096,
      modulePreload: single ? false : { polyfill: false },
      // One CSS file, inlined; lazy JavaScript chunks stay chunks (see singleFilePlugins).
      ...(single ? { cssCodeSplit: false } : {}),
      rolldownOptions: { output: { codeSplitting: { groups: [ENTRY_GROUP] } } },
    },
    // The training worker: its own module file when served, an inlined classic worker (Blob URL) in the single file.
    resolve: {
      alias: [
        { find: /^virtual:training-worker$/, replacement: `${root}/src/training/${single ? 'spawn-inline' : 'spawn-served'}.ts` },
        { find: /^virtual:layers-training-worker$/, replacement: `${root}/src/training/${single ? 'spawn-layers-inline' : 'spawn-layers-served'}.ts` },
      ],
    },
    // Worker code uses tfjs only for types and optimiser descriptions, never a backend: the
    // core package alone (tree-shakeable, unlike the umbrella package) keeps the worker small.
    // The tf.layers worker imports tfjs-layers and the CPU backend itself (layers-worker-main.ts).
    worker: {
      // Chromium refuses module workers from blob: URLs on a file:// page; classic ones start.
      format: single ? 'iife' : 'es',
      plugins: () => [{
        name: 'training-worker-tfjs-core',
        enforce: 'pre',
        resolveId(id, importer) {
          return id === '@tensorflow/tfjs' ? this.resolve('@tensorflow/tfjs-core', importer, { skipSelf: true }) : null;
        },
      }],
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

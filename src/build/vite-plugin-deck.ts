import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import type { Logger, Plugin, ViteDevServer } from 'vite';
import { compileDeck, type CompiledDeck } from './compile-deck.ts';
import { loadDemoSpecs } from './demo-specs.ts';
import type { DemoSpec } from '../widgets/contract.ts';
import { readDeckSources } from './deck-sources.ts';
import { formatDiagnostic } from './diagnostics.ts';
import { highlighterModuleSource, REMARK_HIGHLIGHTER } from './highlighter-module.ts';
import { codePointsOf, dropLegacySources, pruneFontCss } from './prune-fonts.ts';

/** How long the slide folder must stay quiet before the dev server reloads the deck. */
const REFRESH_SETTLE_MS = 100;
import { splitFragments, type FragmentSplit } from './split-fragments.ts';

export const DECK_MODULE = 'virtual:deck';
const RESOLVED = `\0${DECK_MODULE}`;
/** What the built page fills in after its first paint: figures and later slides' fragments (see split-fragments.ts). */
export const LATER_MODULE = 'virtual:deck-later';
const RESOLVED_LATER = `\0${LATER_MODULE}`;
/**
 * Slides whose formulas, notes and code ship in the page's first chunk: the first slide,
 * and the two the presenter sees next (preview and notes) or a first key press shows.
 */
const EAGER_SLIDES = 3;
const KATEX_CSS_IMPORT = `import 'katex/dist/katex.min.css';`;

const KATEX_CSS = /katex[\\/]dist[\\/]katex(\.min)?\.css(\?|$)/;
const FONTSOURCE_CSS = /@fontsource[\\/][^?]+\.css(\?|$)/;

/**
 * Characters the built deck can show: the slides, plus every string the widgets draw
 * (their source files). Font subsets outside this set are left out of the build.
 */
function usedCodePoints(markdown: string, root: string): Set<number> {
  let text = markdown;
  for (const dir of ['src', 'demos']) {
    const full = resolve(root, dir);
    if (!existsSync(full)) continue;
    for (const file of readdirSync(full, { recursive: true, encoding: 'utf8' })) {
      if (/\.(ts|css|svg)$/.test(file)) text += readFileSync(resolve(full, file), 'utf8');
    }
  }
  return codePointsOf(text);
}

export interface DeckPluginOptions {
  root: string;
  slidesDir?: string;
  /** Add <link rel=preload> for the fonts the first slide paints with (served build only). */
  preloadFonts?: boolean;
}

/**
 * KaTeX's fonts use font-display: block, so a formula stays invisible until they arrive;
 * fetching them with the HTML, rather than after the script has built the slides, is most
 * of the time to the first slide painted with its math.
 */
const PRELOADED_FONTS = [/KaTeX_Main-Regular-[^/]*\.woff2$/, /KaTeX_Math-Italic-[^/]*\.woff2$/, /KaTeX_Main-Bold-[^/]*\.woff2$/, /noto-serif-latin-400-normal-[^/]*\.woff2$/, /yanone-kaffeesatz-latin-400-normal-[^/]*\.woff2$/];

/** Replaces remark's highlight.js 9 bundle by current highlight.js with the lecture's languages. */
export function remarkHighlighterPlugin(): { name: string; load(id: string): string | null } {
  return {
    name: 'deck:remark-highlighter',
    load(id: string) {
      return REMARK_HIGHLIGHTER.test(id) ? highlighterModuleSource() : null;
    },
  };
}

/**
 * Compiles slides/ into the `virtual:deck` module: Markdown with formulas rendered by
 * KaTeX at build time, figures inlined, and every problem reported with file and line.
 * A build fails on errors; the dev server shows them on the slide and keeps running.
 */
export function deckPlugin(options: DeckPluginOptions): Plugin[] {
  const slidesDir = options.slidesDir ?? 'slides';
  let isBuild = false;
  let last: CompiledDeck | undefined;
  let specs = new Map<string, DemoSpec>();
  // Vite's logger, so the dev server's slide errors follow --logLevel (tests that provoke them on purpose run silent).
  let logger: Pick<Logger, 'error'> = { error: (message: string) => console.error(message) };
  let split: FragmentSplit | undefined;
  const compile = () => {
    const sources = readDeckSources(options.root, slidesDir);
    last = compileDeck(sources.chapters, sources.diagnostics, specs);
    split = undefined;
    return last;
  };
  // The dev server ships everything at once (it rebuilds the deck on every save).
  const splitOf = (deck: CompiledDeck): FragmentSplit => (split ??= isBuild ? splitFragments(deck, EAGER_SLIDES) : { eager: deck.fragments, later: {} });
  /** KaTeX's stylesheet comes with the first chunk only when its slides show a formula; else with the later one. */
  const mathIsEager = (deck: CompiledDeck) => splitOf(deck).eager.some((html, i) => deck.fragmentKinds[i] === 'math' && html === deck.fragments[i]);

  const main: Plugin = {
    name: 'deck:slides',
    enforce: 'pre',
    config(_config, env) {
      isBuild = env.command === 'build';
      return { optimizeDeps: { rolldownOptions: { plugins: [remarkHighlighterPlugin()] } } };
    },
    async buildStart() {
      // A demo whose own defaults break its schema fails the build here.
      specs = await loadDemoSpecs(options.root);
    },
    configResolved(config) {
      logger = config.logger;
    },
    resolveId(id) {
      if (id === DECK_MODULE) return RESOLVED;
      return id === LATER_MODULE ? RESOLVED_LATER : null;
    },
    load(id) {
      if (REMARK_HIGHLIGHTER.test(id)) return highlighterModuleSource();
      if (id === RESOLVED_LATER) {
        const deck = last ?? compile();
        return [...(mathIsEager(deck) ? [] : [KATEX_CSS_IMPORT]), `export const fragments = ${JSON.stringify(splitOf(deck).later)};`].join('\n');
      }
      if (id !== RESOLVED) return null;
      const deck = compile();
      for (const file of deck.files) this.addWatchFile(file);
      const errors = deck.diagnostics.filter((d) => d.level === 'error');
      for (const w of deck.diagnostics.filter((d) => d.level === 'warning')) this.warn(formatDiagnostic(w));
      if (isBuild && errors.length > 0) {
        this.error(`the slides have ${errors.length} error(s):\n${errors.map(formatDiagnostic).join('\n')}`);
      }
      for (const e of errors) logger.error(formatDiagnostic(e));
      return [
        ...(mathIsEager(deck) ? [KATEX_CSS_IMPORT] : []),
        `export const markdown = ${JSON.stringify(deck.markdown)};`,
        // In the build, figures and what later slides show stay out of the first chunk and arrive just after.
        `export const fragments = ${JSON.stringify(splitOf(deck).eager)};`,
        `export const diagnostics = ${JSON.stringify(deck.diagnostics)};`,
        `export const chapters = ${JSON.stringify(deck.chapters)};`,
      ].join('\n');
    },
    transform(code, id) {
      if (KATEX_CSS.test(id)) return { code: dropLegacySources(code), map: null };
      if (!FONTSOURCE_CSS.test(id)) return null;
      const used = isBuild ? usedCodePoints(deckText(last ?? compile()), options.root) : undefined;
      return { code: pruneFontCss(code, used), map: null };
    },
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        if (!options.preloadFonts || !ctx.bundle) return undefined;
        const files = Object.keys(ctx.bundle).filter((f) => PRELOADED_FONTS.some((re) => re.test(f)));
        return files.map((file) => ({
          tag: 'link',
          attrs: { rel: 'preload', href: `./${file}`, as: 'font', type: 'font/woff2', crossorigin: '' },
          injectTo: 'head' as const,
        }));
      },
    },
    configureServer(server: ViteDevServer) {
      const dir = resolve(options.root, slidesDir);
      server.watcher.add(dir);
      let pending: ReturnType<typeof setTimeout> | undefined;
      const refresh = (file: string) => {
        if (relative(dir, file).startsWith('..')) return;
        // Files saved together (an order list and a new chapter, "save all", a checkout) are one
        // change: one reload after the last of them, so no reload starts on half the edit.
        clearTimeout(pending);
        pending = setTimeout(() => {
          const mod = server.moduleGraph.getModuleById(RESOLVED);
          if (mod) void server.reloadModule(mod);
        }, REFRESH_SETTLE_MS);
      };
      server.watcher.on('add', refresh);
      server.watcher.on('unlink', refresh);
      server.watcher.on('change', refresh);
    },
    handleHotUpdate(ctx) {
      // Slide files are not modules; the watcher above already reloaded the deck module.
      const dir = resolve(options.root, slidesDir);
      if (!relative(dir, ctx.file).startsWith('..')) return [];
      return undefined;
    },
  };
  return [main];
}

/** All text the deck shows: its Markdown and its fragments (figure labels included). */
function deckText(deck: CompiledDeck): string {
  return deck.markdown + deck.fragments.join('');
}

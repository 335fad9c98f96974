import type { CompiledDeck } from './compile-deck.ts';
import { parseLikeRemark } from './remark-render.ts';

const TOKEN = /\uE000(\d+)\uE001/g;

/** The fragment table split in two: what the page ships with, and what arrives after its first paint. */
export interface FragmentSplit {
  /** Every fragment by index; a later one is a placeholder that the page fills (see src/deck/pending-fragments.ts). */
  eager: string[];
  /** The HTML of each placeholder, by fragment index. */
  later: Record<number, string>;
}

/**
 * For each fragment, the 0-based number of the first shown slide that uses it (in its
 * content or its notes), counting `--` steps as remark does. A layout slide is never shown
 * itself: its fragments count for the slide that follows it. (remark's parser drops `exclude: true` slides.)
 */
export function firstSlideOfFragments(markdown: string): Map<number, number> {
  const first = new Map<number, number>();
  let shown = 0;
  for (const slide of parseLikeRemark(markdown)) {
    for (const m of JSON.stringify([slide.content, slide.notes ?? []]).matchAll(TOKEN)) {
      const index = Number(m[1]);
      if (!first.has(index)) first.set(index, shown);
    }
    if (slide.properties.layout !== 'true') shown++;
  }
  return first;
}

/** A placeholder whose slide stays hidden until it is filled (deck.css), so no slide shows half made. */
export function pendingFragment(index: number): string {
  return `<span class="deck-pending" data-fragment="${index}"></span>`;
}

/** A figure's placeholder on an early slide: the slide shows at once and the figure joins it a moment later. */
export function pendingFigure(index: number): string {
  return `<span class="deck-figure deck-figure-pending" data-fragment="${index}"></span>`;
}

/**
 * Keeps in the page's first chunk only what its first `eagerSlides` slides show, the demo
 * placements (the runtime finds demos by them) and the code blocks (remark lays out their
 * lines as it builds the slides). Everything else (formulas, notes and exercises of later
 * slides, and every figure, a third of the text) moves to a
 * chunk loaded after the first paint, or at once when a later slide is the one shown.
 */
export function splitFragments(deck: Pick<CompiledDeck, 'markdown' | 'fragments' | 'fragmentKinds'>, eagerSlides: number): FragmentSplit {
  const first = firstSlideOfFragments(deck.markdown);
  const later: Record<number, string> = {};
  const eager = deck.fragments.map((html, i) => {
    const kind = deck.fragmentKinds[i];
    // remark turns a code block's lines into its own line elements (`*` marks, highlighted
    // spans) when it builds the slides: code filled in later would miss that, so it ships now.
    if (kind === 'demo' || kind === 'code') return html;
    const early = (first.get(i) ?? Infinity) < eagerSlides;
    if (early && kind !== 'figure') return html;
    later[i] = html;
    return early ? pendingFigure(i) : pendingFragment(i);
  });
  return { eager, later };
}

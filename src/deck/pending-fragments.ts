/**
 * The built deck ships the fragments of its first slides with the page and the rest
 * (figures, and the formulas, notes, code and exercises of later slides) in a chunk
 * loaded after the first paint (src/build/split-fragments.ts). Until then remark's HTML
 * holds placeholders: a `.deck-pending` one keeps its slide hidden (deck.css), so no slide
 * is ever seen half made; a `.deck-figure-pending` one on an early slide lets the slide
 * show and the figure join it.
 */
const PENDING = '.deck-pending, .deck-figure-pending';

/** Swaps the fragments in wherever remark put a placeholder: slides, notes, the presenter's preview, the reading view's copies. */
export function fillPendingFragments(fragments: Readonly<Record<string, string>>, scope: ParentNode = document): void {
  for (const el of scope.querySelectorAll<HTMLElement>(PENDING)) {
    const html = fragments[el.dataset.fragment ?? ''];
    if (html !== undefined) el.outerHTML = html;
  }
}

export function hasPendingFragments(scope: ParentNode = document): boolean {
  return scope.querySelector(PENDING) !== null;
}

/** Whether what the user sees now (the slide, and in presenter mode the notes and the next slide) waits for a fragment. */
export function pendingInView(doc: Document = document): boolean {
  const presenter = doc.querySelector('.remark-presenter-mode') !== null;
  const scopes = presenter ? '.remark-slides-area .remark-visible, .remark-notes-area, .remark-preview-area' : '.remark-slides-area .remark-visible';
  return [...doc.querySelectorAll(scopes)].some((el) => el.querySelector('.deck-pending') !== null);
}

/**
 * Loads the later fragments once and fills them in; `load` may be called from anywhere
 * (first paint, a slide that needs them, the overview, the reading view) and resolves when
 * the page holds no placeholder.
 */
export class LaterFragments {
  private loading: Promise<void> | undefined;
  private markFilled!: () => void;
  /** Resolves once the placeholders are filled, without starting the load. */
  readonly filled = new Promise<void>((resolve) => (this.markFilled = resolve));

  constructor(private readonly importFragments: () => Promise<Readonly<Record<string, string>>>) {}

  load(): Promise<void> {
    this.loading ??= this.importFragments().then(
      (fragments) => {
        fillPendingFragments(fragments);
        this.markFilled();
      },
      // Not expected (the chunk is part of the build); said on the console rather than leaving a caller waiting.
      (error: unknown) => console.error("the later slides' content could not be loaded:", error),
    );
    return this.loading;
  }
}

/**
 * Runs `fn` once the first slide's text has painted. Animation frames come too early for
 * that (text waits for its web font), so this waits for the browser's first-contentful-paint
 * entry, or at most `fallbackMs` where paint timing is not available or nothing contentful
 * paints. The wait is long: on a busy machine the first paint comes seconds after the
 * script ran, and loading the rest before it would only delay it.
 */
export function afterFirstContentfulPaint(fn: () => void, fallbackMs = 10_000): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    fn();
  };
  if (typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes?.includes('paint')) {
    const observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName('first-contentful-paint').length === 0) return;
      observer.disconnect();
      setTimeout(run, 0);
    });
    observer.observe({ type: 'paint', buffered: true });
  }
  setTimeout(run, fallbackMs);
}

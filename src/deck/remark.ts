import RemarkApi, { type RemarkCreateOptions, type RemarkSlideshow } from 'remark-slide/src/remark/api.js';
import converter from 'remark-slide/src/remark/converter.js';
import Parser from 'remark-slide/src/remark/parser.js';
import RemarkDom from 'remark-slide/src/remark/dom.js';
import polyfills from 'remark-slide/src/polyfills.js';
import printing from 'remark-slide/src/remark/components/printing/printing.js';
import styler from 'remark-slide/src/remark/components/styler/styler.js';
import type { DeckView } from '../widgets/runtime.ts';
import { currentSlideHash, deferSlideHash } from '../widgets/url-state.ts';
import { expandFragments } from './fragments.ts';
import { showSlidesWithLightPreview } from './preview-copy.ts';

export type { RemarkSlideshow };

/** The only module that touches remark. Everything else goes through this handle. */
export interface Deck {
  readonly slideshow: RemarkSlideshow;
  /** Replaces the slides in place, keeping the current slide (and presenter mode, a class on the page). */
  reload(markdown: string, fragments: readonly string[]): void;
  currentIndex(): number;
  slideCount(): number;
  /** Shows the slide at 0-based `index`. */
  goto(index: number): void;
  /** Per slide (0-based, as remark numbers them): whether it is a later `--` step of the slide before it. */
  continuedSlides(): boolean[];
  /** What the live-demo runtime needs: slide elements, remark's show events, the paired window. */
  view(): DeckView;
}

export interface DeckOptions {
  markdown: string;
  fragments: readonly string[];
  ratio: '16:9' | '4:3';
  container?: HTMLElement;
}

/** Window name of the cloned (audience) view, so that window can tell it is the clone. */
export const CLONE_WINDOW_NAME = 'rnn-deck-clone';

export function isCloneWindow(win: Window = window): boolean {
  return win.name === CLONE_WINDOW_NAME;
}

/**
 * remark opens the clone on the presenter's own URL, whose hash is `#pN` in presenter
 * mode, so the projector would start in presenter mode too. The clone drops the `p`.
 */
function leavePresenterHashInClone(): void {
  const m = /^#p(\d+)$/.exec(location.hash);
  if (m && isCloneWindow()) history.replaceState(null, '', `${location.pathname}${location.search}#${m[1]}`);
}

/**
 * remark prints every deck on 4:3 pages (908 × 681 px), so a 16:9 slide came out shrunk on a
 * page too tall for it. Print pages take the deck's own ratio: 1210 × 681 for 16:9, as
 * remark's scaler sizes the slides.
 */
function printOnSlideSizedPages(ratio: '16:9' | '4:3'): void {
  const width = ratio === '16:9' ? 1210 : 908;
  const height = 681;
  printing.setPageOrientation = function (orientation) {
    this._orientation = orientation;
    this._pageWidth = orientation === 'portrait' ? height : width;
    this._pageHeight = orientation === 'portrait' ? width : height;
    styler.setPageSize(`${this._pageWidth}px ${this._pageHeight}px`);
  };
}

/**
 * The hash can carry demo states after the slide (`#12~…`, see url-state.ts). remark would
 * read "12~…" as a slide name it cannot find and jump to the first slide, for example when
 * a state write lands just before its hashchange handler runs; it reads only its own part.
 */
function domReadingSlideHash(): RemarkDom {
  const dom = new RemarkDom();
  dom.getLocationHash = currentSlideHash;
  const write = dom.setLocationHash.bind(dom);
  dom.setLocationHash = (hash) => deferSlideHash(hash, write);
  return dom;
}

/**
 * remark moves the slides on a "gotoSlide:N" or "toggleBlackout" message from any window of
 * any origin. Only the paired window (this window's clone, or the presenter that opened
 * this clone) may drive this one; any other such message stops here, before remark's.
 */
function acceptSlideMessagesOnlyFrom(paired: () => Window | null): void {
  window.addEventListener(
    'message',
    (e) => {
      if (typeof e.data !== 'string' || !/^(?:gotoSlide:|toggleBlackout$)/.test(e.data)) return;
      const sameOrigin = location.protocol === 'file:' || e.origin === location.origin;
      if (sameOrigin && e.source !== null && e.source === paired()) return;
      e.stopImmediatePropagation();
    },
    { capture: true },
  );
}

/**
 * remark shows no slide at all for a slide number outside the deck (`#0`, `#999`, `#-2`):
 * the page stays blank until a key is pressed. The nearest slide is shown instead.
 */
function showNearestSlide(slideshow: RemarkSlideshow): void {
  if (slideshow.getCurrentSlideIndex() >= 0 || slideshow.getSlideCount() === 0) return;
  const n = Number.parseInt(/-?\d+/.exec(currentSlideHash())?.[0] ?? '1', 10);
  slideshow.gotoSlide(n > 1 ? slideshow.getSlideCount() : 1);
}

let fragmentTable: readonly string[] = [];
let converterPatched = false;

/**
 * remark converts slide and note Markdown through one module; wrapping it swaps the
 * pre-rendered fragments (formulas, figures) into every HTML remark makes: slides,
 * notes, the presenter's preview (a copy of that HTML) and the cloned window.
 */
function patchConverter(): void {
  if (converterPatched) return;
  const convert = converter.convertMarkdown.bind(converter);
  converter.convertMarkdown = (content, links, inline) => expandFragments(convert(content, links, inline), fragmentTable);
  converterPatched = true;
}

export function createDeck(options: DeckOptions): Deck {
  fragmentTable = options.fragments;
  patchConverter();
  showSlidesWithLightPreview();
  leavePresenterHashInClone();
  polyfills.apply();
  styler.styleDocument();
  printOnSlideSizedPages(options.ratio);
  const api = new RemarkApi(domReadingSlideHash());
  const createOptions: RemarkCreateOptions = {
    source: options.markdown,
    ratio: options.ratio,
    highlightStyle: 'github',
    highlightLines: true,
    highlightSpans: true,
    countIncrementalSlides: false,
    cloneTarget: CLONE_WINDOW_NAME,
    navigation: { scroll: false, touch: true, click: false },
  };
  if (options.container) createOptions.container = options.container;
  // Registered before remark's own listener; the slideshow (and so its clone) exists only after create.
  let pairedWindow = (): Window | null => (isCloneWindow() ? (window.opener as Window | null) : null);
  acceptSlideMessagesOnlyFrom(() => pairedWindow());
  const slideshow = api.create(createOptions);
  const view = deckView(slideshow);
  pairedWindow = () => view.pairedWindow();
  showNearestSlide(slideshow);
  makeNotesScrollableByKeyboard(options.container ?? document);
  return {
    slideshow,
    reload(markdown, fragments) {
      const index = slideshow.getCurrentSlideIndex();
      fragmentTable = fragments;
      // remark keeps its current index when the deck shrinks under it (it clamps to the count,
      // one past the last slide) and then fails hiding a slide that no longer exists; step
      // back to the first slide before a reload that would leave the index out of range.
      const count = new Parser().parse(markdown).filter((s) => s.properties.layout !== 'true').length;
      if (index >= count) slideshow.gotoSlide(1);
      slideshow.loadFromString(markdown);
      slideshow.gotoSlide(Math.min(index, slideshow.getSlideCount() - 1) + 1);
    },
    currentIndex: () => slideshow.getCurrentSlideIndex(),
    slideCount: () => slideshow.getSlideCount(),
    goto: (index) => slideshow.gotoSlide(index + 1),
    continuedSlides: () => slideshow.getSlides().map((s) => s.properties.continued === 'true'),
    view: () => deckView(slideshow),
  };
}

/**
 * Presenter mode's notes (this slide's and the next one's) scroll when they are long: a
 * lecturer using the keyboard must be able to reach and scroll them too, so they take focus
 * and say what they are.
 */
function makeNotesScrollableByKeyboard(root: ParentNode): void {
  const areas: [string, string][] = [
    ['.remark-notes', 'Presenter notes of this slide'],
    ['.remark-notes-preview', 'Presenter notes of the next slide'],
  ];
  for (const [selector, label] of areas) {
    for (const el of root.querySelectorAll<HTMLElement>(selector)) {
      el.tabIndex = 0;
      el.setAttribute('role', 'region');
      el.setAttribute('aria-label', label);
    }
  }
}

function deckView(slideshow: RemarkSlideshow): DeckView {
  const clone = isCloneWindow();
  return {
    role: clone ? 'follower' : 'driver',
    slideElements: () => [...document.querySelectorAll<HTMLElement>('.remark-slides-area .remark-slide-container')],
    previewArea: () => document.querySelector<HTMLElement>('.remark-preview-area'),
    currentIndex: () => slideshow.getCurrentSlideIndex(),
    // remark's public events hand over the slide model, not its index.
    onShow: (handler) => slideshow.on('afterShowSlide', (slide) => handler((slide as { getSlideIndex(): number }).getSlideIndex())),
    onPresenterToggle: (handler) => slideshow.on('toggledPresenter', () => handler()),
    pairedWindow: () => {
      if (clone) return window.opener as Window | null;
      // remark keeps the window it opened for the cloned view on the slideshow.
      const opened = (slideshow as unknown as { clone?: Window | null }).clone;
      return opened && !opened.closed ? opened : null;
    },
    adoptPairedWindow: (win) => {
      if (clone) return;
      // A reloaded presenter window has lost its clone; taking it back makes remark send it slide changes again.
      (slideshow as unknown as { clone?: Window | null }).clone = win;
      win.postMessage(`gotoSlide:${slideshow.getCurrentSlideIndex() + 1}`, '*');
    },
  };
}

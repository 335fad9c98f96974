import type { DeckView } from '../widgets/runtime.ts';

/** `?read` in the address opens the reading view; the hash stays the slide number (`#12`). */
export const READ_PARAM = 'read';

export function isReadingView(search = location.search): boolean {
  return new URLSearchParams(search).has(READ_PARAM);
}

/** The same address with or without `?read`, on remark slide `index` (0-based). */
export function addressFor(reading: boolean, index: number, href = location.href): string {
  const url = new URL(href);
  if (reading) url.searchParams.set(READ_PARAM, '');
  else url.searchParams.delete(READ_PARAM);
  url.hash = `#${index + 1}`;
  // `?read=` reads worse than `?read`.
  return url.href.replace(`${READ_PARAM}=&`, `${READ_PARAM}&`).replace(new RegExp(`${READ_PARAM}=(#|$)`), `${READ_PARAM}$1`);
}

export interface ReadingSource {
  /** remark's slide containers, in order (each holds `.remark-slide-content` and `.remark-slide-notes`). */
  slides: HTMLElement[];
  /** Per remark slide: whether it is a later `--` step of the one before (only the last step is shown). */
  continued: boolean[];
  chapters: readonly { title: string; slides: number }[];
  ratio: '16:9' | '4:3';
  title: string;
}

export interface ReadingView {
  readonly root: HTMLElement;
  /** For the demo runtime: the reading page's slides stand in for remark's, "shown" is the one being read. */
  readonly deckView: DeckView;
  /** remark index (0-based) of the slide being read. */
  currentSlide(): number;
  /** Scrolls to the slide holding remark slide `index` (a step shows as its last step). */
  scrollToSlide(index: number, behavior?: ScrollBehavior): void;
  onSlide(handler: (remarkIndex: number) => void): void;
}

/** Slide size in remark's pixels: remark lays out 16:9 slides at 1210 × 681 and 4:3 at 908 × 681. */
const SLIDE_HEIGHT = 681;
/** The reading column's widest slide, in CSS pixels: slide text at about 17 px, like a book's. */
const MAX_COLUMN = 960;
/** The slide being read is the one under this fraction of the window's height. */
const READING_LINE = 0.35;

/**
 * The lecture as one scrolling page: a table of contents, then each chapter's heading and
 * its slides, each at a readable size with its notes under it as body text. The slides are
 * copies of remark's, so formulas, figures, exercises and demo placements come along; live
 * demos mount through the same runtime, with "the slide being read" as the shown slide,
 * so the same lifecycle applies: the slide read and the next are mounted, the one before
 * stays paused, the rest are freed.
 */
export function buildReadingView(source: ReadingSource, parent: HTMLElement = document.body): ReadingView {
  const width = source.ratio === '16:9' ? 1210 : 908;
  const root = document.createElement('div');
  root.className = 'deck-reading';
  root.setAttribute('role', 'main');
  const toc = document.createElement('nav');
  toc.className = 'deck-reading-toc';
  toc.setAttribute('aria-label', 'Contents');
  const heading = document.createElement('h1');
  heading.textContent = source.title;
  const hint = document.createElement('p');
  hint.className = 'deck-reading-hint';
  hint.textContent = 'Reading view: every slide with its notes. R returns to the slides on the slide you are reading; O shows all slides and search.';
  const list = document.createElement('ol');
  toc.append(heading, hint, list);
  root.append(toc);

  const articles: HTMLElement[] = [];
  /** remark index of each article (its last step). */
  const remarkIndexOf: number[] = [];
  const articleOfSlide: number[] = [];
  let chapter = -1;
  let chapterEnd = 0;
  let section: HTMLElement = root;
  source.slides.forEach((slide, i) => {
    while (i >= chapterEnd && chapter + 1 < source.chapters.length) {
      chapter += 1;
      chapterEnd += source.chapters[chapter]!.slides;
      section = document.createElement('section');
      section.className = 'deck-reading-chapter';
      const h = document.createElement('h2');
      h.className = 'deck-reading-chapter-title';
      h.id = `chapter-${chapter + 1}`;
      h.textContent = source.chapters[chapter]!.title;
      section.append(h);
      root.append(section);
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = `#${i + 1}`;
      link.dataset.slide = String(i);
      link.textContent = source.chapters[chapter]!.title;
      item.append(link);
      list.append(item);
    }
    // A `--` step shows as its last step, which holds everything the earlier ones do.
    if (source.continued[i + 1]) return;
    const article = document.createElement('article');
    article.className = 'deck-reading-slide';
    article.dataset.slide = String(i);
    article.setAttribute('aria-label', `Slide ${i + 1}`);
    const frame = document.createElement('div');
    frame.className = 'deck-reading-frame';
    const scaler = document.createElement('div');
    scaler.className = 'remark-slide-scaler';
    scaler.style.width = `${width}px`;
    scaler.style.height = `${SLIDE_HEIGHT}px`;
    const inner = document.createElement('div');
    inner.className = 'remark-slide';
    const content = slide.querySelector('.remark-slide-content');
    if (content) inner.append(content.cloneNode(true));
    scaler.append(inner);
    frame.append(scaler);
    const number = document.createElement('a');
    number.className = 'deck-reading-number';
    number.href = `#${i + 1}`;
    number.textContent = `${i + 1}`;
    number.title = `Slide ${i + 1}`;
    const notes = document.createElement('div');
    notes.className = 'deck-reading-notes';
    notes.innerHTML = slide.querySelector('.remark-slide-notes')?.innerHTML ?? '';
    // A heading per notes block: it names the slide in the handout PDF's outline too.
    const label = document.createElement('h3');
    label.className = 'deck-reading-notes-label';
    const anchor = document.createElement('a');
    anchor.id = `notes-${i + 1}`;
    anchor.href = `#notes-${i + 1}`;
    anchor.textContent = `Notes to slide ${i + 1}`;
    label.append(anchor);
    notes.prepend(label);
    article.append(number, frame, notes);
    section.append(article);
    for (let k = articleOfSlide.length; k <= i; k++) articleOfSlide[k] = articles.length;
    articles.push(article);
    remarkIndexOf.push(i);
  });
  parent.append(root);

  const fit = () => {
    const column = Math.min(MAX_COLUMN, root.clientWidth - 32);
    const scale = column / width;
    root.style.setProperty('--deck-reading-column', `${column}px`);
    for (const article of articles) {
      const frame = article.querySelector<HTMLElement>('.deck-reading-frame')!;
      frame.style.width = `${column}px`;
      frame.style.height = `${SLIDE_HEIGHT * scale}px`;
      frame.querySelector<HTMLElement>('.remark-slide-scaler')!.style.transform = `scale(${scale})`;
    }
  };
  fit();
  window.addEventListener('resize', fit);

  let current = 0;
  const handlers: ((index: number) => void)[] = [];
  const slideHandlers: ((remarkIndex: number) => void)[] = [];
  const readAt = (): number => {
    const line = innerHeight * READING_LINE;
    let lo = 0;
    let hi = articles.length - 1;
    // Articles are in page order: the last one starting above the reading line is the one read.
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (articles[mid]!.getBoundingClientRect().top <= line) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  let pending = false;
  const update = () => {
    pending = false;
    const next = readAt();
    if (next === current) return;
    current = next;
    for (const h of handlers) h(current);
    for (const h of slideHandlers) h(remarkIndexOf[current]!);
  };
  window.addEventListener(
    'scroll',
    () => {
      if (pending) return;
      pending = true;
      requestAnimationFrame(update);
    },
    { passive: true },
  );
  root.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.<HTMLAnchorElement>('a[href^="#"]');
    if (!link || !root.contains(link)) return;
    const n = Number(/^#(?:notes-)?(\d+)$/.exec(link.getAttribute('href')!)?.[1]);
    if (!Number.isInteger(n) || n < 1) return;
    event.preventDefault();
    view.scrollToSlide(n - 1, 'smooth');
  });

  const deckView: DeckView = {
    role: 'driver',
    slideElements: () => articles,
    previewArea: () => null,
    currentIndex: () => current,
    onShow: (handler) => handlers.push(handler),
    onPresenterToggle: () => undefined,
    pairedWindow: () => null,
    adoptPairedWindow: () => undefined,
  };
  const view: ReadingView = {
    root,
    deckView,
    currentSlide: () => remarkIndexOf[current] ?? 0,
    scrollToSlide(index, behavior = 'instant') {
      const a = articleOfSlide[Math.max(0, Math.min(index, articleOfSlide.length - 1))] ?? 0;
      const article = articles[a];
      if (!article) return;
      const top = article.getBoundingClientRect().top + scrollY - 8;
      scrollTo({ top, behavior });
      // Set at once, so the runtime's first slide is this one, not the top of the page.
      if (behavior === 'instant') {
        current = a;
        update();
      }
    },
    onSlide: (handler) => slideHandlers.push(handler),
  };
  return view;
}

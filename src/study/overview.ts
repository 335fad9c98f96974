/**
 * Overview and search (O, or / to start typing): every slide's title by chapter, filtered
 * by words found in the slide text or its notes. Keyboard only is enough: type, arrows to
 * move, Enter to jump, Escape to close.
 */
export interface OverviewSlide {
  /** remark index (0-based). */
  index: number;
  title: string;
  text: string;
  notes: string;
}

export interface OverviewSource {
  slides: OverviewSlide[];
  chapters: readonly { title: string; slides: number }[];
  /** remark index of the slide being shown. */
  current(): number;
  jump(index: number): void;
}

/**
 * Which listed slide stands for the slide being shown: a `--` slide is listed once, as its last
 * step, so a middle step finds the first listed slide at or after it.
 */
export function listedSlideFor(listed: readonly number[], current: number): number | undefined {
  return listed.find((index) => index >= current) ?? listed.at(-1);
}

/** Case, accents and spacing do not matter: "Schmidhuber" finds "schmidhuber", "Nguyen" finds "Nguyễn". */
export function normalise(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ');
}

/** Slides holding every word of the query, in slide text or notes; where a word is only in the notes, a snippet of them. */
export function searchSlides(slides: readonly OverviewSlide[], query: string): { slide: OverviewSlide; snippet: string }[] {
  const words = normalise(query).split(' ').filter(Boolean);
  if (words.length === 0) return slides.map((slide) => ({ slide, snippet: '' }));
  const out: { slide: OverviewSlide; snippet: string }[] = [];
  for (const slide of slides) {
    const text = normalise(`${slide.title} ${slide.text}`);
    const notes = normalise(slide.notes);
    if (!words.every((w) => text.includes(w) || notes.includes(w))) continue;
    const inNotes = words.find((w) => !text.includes(w));
    let snippet = '';
    if (inNotes) {
      const at = notes.indexOf(inNotes);
      snippet = `${at > 40 ? '…' : ''}${notes.slice(Math.max(0, at - 40), at + inNotes.length + 60).trim()}…`;
    }
    out.push({ slide, snippet });
  }
  return out;
}

export class Overview {
  private readonly root: HTMLElement;
  private readonly input: HTMLInputElement;
  private readonly list: HTMLElement;
  private readonly status: HTMLElement;
  private returnFocus: Element | null = null;

  constructor(private readonly source: OverviewSource) {
    this.root = document.createElement('div');
    this.root.className = 'deck-overview';
    this.root.hidden = true;
    this.root.setAttribute('role', 'dialog');
    this.root.setAttribute('aria-modal', 'true');
    this.root.setAttribute('aria-label', 'Overview and search');
    const head = document.createElement('div');
    head.className = 'deck-overview-head';
    this.input = document.createElement('input');
    this.input.type = 'search';
    this.input.className = 'deck-overview-search';
    this.input.placeholder = 'Search slides and notes';
    this.input.setAttribute('aria-label', 'Search slides and notes');
    this.status = document.createElement('span');
    this.status.className = 'deck-overview-status';
    this.status.setAttribute('role', 'status');
    const hint = document.createElement('span');
    hint.className = 'deck-overview-hint';
    hint.textContent = '↑ ↓ ← → move · Enter opens · Esc closes';
    head.append(this.input, this.status, hint);
    this.list = document.createElement('div');
    this.list.className = 'deck-overview-list';
    this.root.append(head, this.list);
    document.body.append(this.root);
    this.input.addEventListener('input', () => this.render());
    this.root.addEventListener('keydown', (e) => this.onKey(e));
    // Keys here belong to the overview, never to the slides behind it.
    for (const type of ['keydown', 'keypress', 'keyup'] as const) this.root.addEventListener(type, (e) => e.stopPropagation());
    this.list.addEventListener('click', (e) => {
      const item = (e.target as Element).closest<HTMLElement>('.deck-overview-item');
      if (item) this.jump(Number(item.dataset.slide));
    });
  }

  isOpen(): boolean {
    return !this.root.hidden;
  }

  open(focusSearch: boolean): void {
    this.returnFocus = document.activeElement;
    this.root.hidden = false;
    document.documentElement.classList.add('deck-overview-open');
    // O shows every slide; / takes up the last search again.
    if (!focusSearch) this.input.value = '';
    this.render();
    if (focusSearch) {
      this.input.focus();
      this.input.select();
    } else {
      // O starts where the student is, so the arrows move from the slide on screen.
      const items = this.items();
      const at = listedSlideFor(
        items.map((item) => Number(item.dataset.slide)),
        this.source.current(),
      );
      (items.find((item) => Number(item.dataset.slide) === at) ?? items[0])?.focus();
    }
  }

  close(): void {
    this.root.hidden = true;
    document.documentElement.classList.remove('deck-overview-open');
    if (this.returnFocus instanceof HTMLElement && this.returnFocus.isConnected) this.returnFocus.focus();
    // Focus that stays on the hidden search field (returning it to the body does not move it) would swallow the next O or arrow key.
    const active = document.activeElement;
    if (active instanceof HTMLElement && this.root.contains(active)) active.blur();
  }

  private jump(index: number): void {
    this.close();
    this.source.jump(index);
  }

  private items(): HTMLElement[] {
    return [...this.list.querySelectorAll<HTMLElement>('.deck-overview-item')];
  }

  private render(): void {
    const query = this.input.value;
    const found = searchSlides(this.source.slides, query);
    const shown = new Map(found.map((f) => [f.slide.index, f.snippet]));
    this.list.replaceChildren();
    let start = 0;
    for (const chapter of this.source.chapters.length > 0 ? this.source.chapters : [{ title: '', slides: Infinity }]) {
      const end = start + chapter.slides;
      const slides = this.source.slides.filter((s) => s.index >= start && s.index < end && shown.has(s.index));
      start = end;
      if (slides.length === 0) continue;
      const group = document.createElement('section');
      group.className = 'deck-overview-chapter';
      const h = document.createElement('h2');
      h.textContent = chapter.title;
      const grid = document.createElement('div');
      grid.className = 'deck-overview-grid';
      for (const s of slides) {
        const item = document.createElement('button');
        item.type = 'button';
        item.className = 'deck-overview-item';
        item.dataset.slide = String(s.index);
        const n = document.createElement('span');
        n.className = 'deck-overview-number';
        n.textContent = String(s.index + 1);
        const t = document.createElement('span');
        t.className = 'deck-overview-title';
        t.textContent = s.title;
        item.append(n, t);
        const snippet = shown.get(s.index);
        if (snippet) {
          const sn = document.createElement('span');
          sn.className = 'deck-overview-snippet';
          sn.textContent = `notes: ${snippet}`;
          item.append(sn);
        }
        grid.append(item);
      }
      group.append(h, grid);
      this.list.append(group);
    }
    this.status.textContent = query.trim() ? `${found.length} slide${found.length === 1 ? '' : 's'}` : `${this.source.slides.length} slides`;
  }

  private onKey(e: KeyboardEvent): void {
    const items = this.items();
    const at = items.indexOf(document.activeElement as HTMLElement);
    const columns = Math.max(1, Math.round((this.list.clientWidth || 1) / 230));
    const move = (to: number) => {
      e.preventDefault();
      items[Math.max(0, Math.min(items.length - 1, to))]?.focus();
    };
    if (e.key === 'Escape') {
      e.preventDefault();
      this.close();
    } else if (e.target === this.input) {
      if (e.key === 'ArrowDown') move(0);
      else if (e.key === 'Enter' && items[0]) {
        e.preventDefault();
        this.jump(Number(items[0].dataset.slide));
      }
    } else if (at >= 0) {
      if (e.key === 'ArrowRight') move(at + 1);
      else if (e.key === 'ArrowLeft') move(at - 1);
      else if (e.key === 'ArrowDown') move(at + columns);
      else if (e.key === 'ArrowUp') {
        if (at < columns) {
          e.preventDefault();
          this.input.focus();
        } else move(at - columns);
      } else if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        this.jump(Number(items[at]!.dataset.slide));
      } else if (e.key.length === 1 && !e.ctrlKey && !e.metaKey) this.input.focus();
    }
  }
}

/** What the overview lists, read from remark's slides (only the last step of a `--` slide). */
export function overviewSlides(slides: readonly HTMLElement[], continued: readonly boolean[]): OverviewSlide[] {
  const out: OverviewSlide[] = [];
  slides.forEach((el, index) => {
    if (continued[index + 1]) return;
    const content = el.querySelector('.remark-slide-content');
    const heading = content?.querySelector('h1, h2, h3')?.textContent?.trim();
    out.push({ index, title: heading || `Slide ${index + 1}`, text: content?.textContent ?? '', notes: el.querySelector('.remark-slide-notes')?.textContent ?? '' });
  });
  return out;
}

import { afterPaint } from '../widgets/after-paint.ts';

const WARM = 'deck-warm';

interface SlideView {
  slideElements(): HTMLElement[];
  onShow(handler: (index: number) => void): void;
  currentIndex(): number;
}

/**
 * remark keeps every slide but the shown one out of layout (display: none), so a slide change
 * lays the new slide out from nothing inside the key press: on a slide with a demo's gate
 * equations or much math that is most of the frame. The slides either side of the shown one
 * are kept laid out, invisibly (see deck.css), so showing one of them only repaints. They are
 * warmed once the shown slide is painted, so the key's frame does not pay for it.
 */
export function warmNeighbours(view: SlideView): void {
  let warm: HTMLElement[] = [];
  let generation = 0;
  const warmAround = (index: number) => {
    const mine = ++generation;
    afterPaint(() => {
      if (mine !== generation) return;
      const slides = view.slideElements();
      const next = [slides[index - 1], slides[index + 1]].filter((s): s is HTMLElement => s !== undefined);
      for (const s of warm) if (!next.includes(s)) s.classList.remove(WARM);
      for (const s of next) s.classList.add(WARM);
      warm = next;
    });
  };
  view.onShow(warmAround);
  warmAround(view.currentIndex());
}

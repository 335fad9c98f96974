import SlideshowView from 'remark-slide/src/remark/views/slideshowView.js';
import { afterPaint } from '../widgets/after-paint.ts';

/** Classes of this page's own making that keep a slide laid out unseen; the preview's copy must be seen. */
const LAYOUT_ONLY = ['deck-warm', 'deck-premount'];
/** The preview's copy of the slide after next, made ahead and laid out unseen (see deck.css). */
const AHEAD = 'deck-preview-ahead';

/**
 * The copy of the next slide that presenter mode's preview shows. remark copies the slide by
 * serialising and re-parsing it on every slide change, presenter mode or not; a live demo's
 * elements (a gate demo's equations are 800 of them) went along, to be replaced by the demo's
 * snapshot a moment later (see runtime.ts). The copy is made with the demo hosts emptied of
 * their live demos, and without the classes that keep a neighbouring slide invisible.
 */
export function previewCopy(slide: HTMLElement): HTMLElement {
  const copy = slide.cloneNode(true) as HTMLElement;
  copy.classList.remove(...LAYOUT_ONLY);
  for (const live of copy.querySelectorAll('.demo-host > .demo-root')) live.remove();
  return copy;
}

let patched = false;

/**
 * remark's showSlide, with the preview made by previewCopy. The copy for the next key press
 * is made and laid out once the shown slide is painted, so on that key press the preview only
 * swaps in a copy already laid out. A copy made while its slide's content had not yet arrived
 * is not used.
 */
export function showSlidesWithLightPreview(): void {
  if (patched) return;
  patched = true;
  let ahead: { source: HTMLElement; copy: HTMLElement } | undefined;
  let shownAt = 0;
  SlideshowView.prototype.showSlide = function (this: SlideshowView, slideIndex: number) {
    const slideView = this.slideViews[slideIndex];
    const next = this.slideViews[slideIndex + 1]?.containerElement;
    this.events.emit('beforeShowSlide', slideIndex);
    slideView?.show();
    const ready = next && ahead?.source === next && !ahead.copy.querySelector('.deck-pending') ? ahead.copy : undefined;
    ahead = undefined;
    if (ready && next) {
      // Moved, the copy would be laid out again: the others leave, it stays where it is.
      for (const other of [...this.previewArea.children]) if (other !== ready) other.remove();
      // remark scales the slides (and the preview's copy) on resize: the copy takes the slide's scale as it is now.
      const scale = next.firstElementChild?.getAttribute('style');
      if (scale) ready.firstElementChild?.setAttribute('style', scale);
      ready.classList.remove(AHEAD);
    } else {
      this.previewArea.replaceChildren(...(next ? [previewCopy(next)] : []));
    }
    // Registered before afterShowSlide's listeners: the demo runtime, after the same paint, puts its snapshots into this copy too.
    const shown = ++shownAt;
    afterPaint(() => {
      const after = this.slideViews[slideIndex + 2]?.containerElement;
      if (shown !== shownAt || !after) return;
      const copy = previewCopy(after);
      copy.classList.add(AHEAD);
      this.previewArea.append(copy);
      ahead = { source: after, copy };
    });
    this.events.emit('afterShowSlide', slideIndex);
  };
}

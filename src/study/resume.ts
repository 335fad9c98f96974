import type { ProgressStore } from './progress-store.ts';

/** What resuming needs from the deck (src/deck/remark.ts provides it). */
export interface ResumableDeck {
  currentIndex(): number;
  slideCount(): number;
  goto(index: number): void;
  onShow(handler: (index: number) => void): void;
}

/**
 * The deck reopens on the slide where the student stopped, unless the address names a
 * slide (a bookmark or a shared link wins). Every slide shown afterwards is remembered.
 * Call before the demo runtime starts, so the first slide's demos are the resumed slide's.
 */
export function resumeAndTrack(deck: ResumableDeck, progress: ProgressStore, addressNamesSlide: boolean): void {
  const saved = progress.get().slide;
  if (!addressNamesSlide && saved > 0 && saved < deck.slideCount()) deck.goto(saved);
  deck.onShow((index) => progress.setSlide(index));
  progress.setSlide(deck.currentIndex());
}

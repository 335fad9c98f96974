import { describe, expect, it } from 'vitest';
import { listedSlideFor, normalise, searchSlides, type OverviewSlide } from '../../../src/study/overview.ts';

const slides: OverviewSlide[] = [
  { index: 0, title: 'Gates', text: 'a sigmoid layer', notes: 'Hochreiter and Schmidhuber wrote this in 1997.' },
  { index: 1, title: 'Chữ tài', text: 'Chữ tài đi với chữ tai một vần.', notes: 'Nguyễn Du.' },
];

describe('overview search', () => {
  it('finds words in slide text or notes, ignoring case and accents', () => {
    expect(searchSlides(slides, 'SIGMOID').map((r) => r.slide.index)).toEqual([0]);
    expect(searchSlides(slides, 'nguyen').map((r) => r.slide.index)).toEqual([1]);
    expect(searchSlides(slides, 'chu tai').map((r) => r.slide.index)).toEqual([1]);
    expect(searchSlides(slides, 'gates 1997').map((r) => r.slide.index)).toEqual([0]);
    expect(searchSlides(slides, 'gates 1998')).toEqual([]);
  });

  it('shows a snippet of the notes when a word is only there', () => {
    const [hit] = searchSlides(slides, 'schmidhuber');
    expect(hit?.snippet).toContain('schmidhuber wrote');
    expect(searchSlides(slides, 'sigmoid')[0]?.snippet).toBe('');
  });

  it('lists every slide for an empty query', () => {
    expect(searchSlides(slides, '  ')).toHaveLength(2);
    expect(normalise('Ａ  B')).toBe('a b');
  });
});

describe('the slide the overview opens on', () => {
  // Slides 2–4 are one `--` slide: only its last step (4) is listed.
  const listed = [0, 1, 4, 5];

  it('is the slide being shown, or the listed last step of the `--` slide being built', () => {
    expect(listedSlideFor(listed, 0)).toBe(0);
    expect(listedSlideFor(listed, 1)).toBe(1);
    expect(listedSlideFor(listed, 2)).toBe(4);
    expect(listedSlideFor(listed, 3)).toBe(4);
    expect(listedSlideFor(listed, 4)).toBe(4);
    expect(listedSlideFor(listed, 5)).toBe(5);
  });

  it('is the last listed slide past the end, and nothing when nothing is listed', () => {
    expect(listedSlideFor(listed, 9)).toBe(5);
    expect(listedSlideFor([], 3)).toBeUndefined();
  });
});

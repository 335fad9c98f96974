import { describe, expect, it } from 'vitest';
import { normalise, searchSlides, type OverviewSlide } from '../../../src/study/overview.ts';

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

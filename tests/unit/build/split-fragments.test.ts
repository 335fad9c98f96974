import { describe, expect, it } from 'vitest';
import type { FragmentKind } from '../../../src/build/compile-deck.ts';
import { firstSlideOfFragments, pendingFigure, pendingFragment, splitFragments } from '../../../src/build/split-fragments.ts';
import { expandFragments, fragmentToken as t } from '../../../src/deck/fragments.ts';

/** A deck of fragments tokens as compileDeck leaves it: slides separated by `---`, notes after `???`. */
function deck(markdown: string, kinds: FragmentKind[]) {
  return { markdown, fragments: kinds.map((k, i) => `<b class="${k}">${i}</b>`), fragmentKinds: kinds };
}

describe('the first slide of each fragment', () => {
  it('counts shown slides and steps, with notes, and gives a layout slide to the slide after it', () => {
    const markdown = [`layout: true\n\n${t(0)}`, `# one ${t(1)}\n\n???\nnotes ${t(2)}`, `# two\n--\nstep ${t(3)}`, `# four ${t(1)} ${t(4)}`].join('\n---\n');
    expect(firstSlideOfFragments(markdown)).toEqual(
      new Map([
        [0, 0],
        [1, 0],
        [2, 0],
        [3, 2],
        [4, 3],
      ]),
    );
  });
});

describe('splitting the fragments', () => {
  const markdown = [`# a ${t(0)} ${t(1)}`, `# b ${t(2)}`, `# c ${t(3)} ${t(4)} ${t(0)}`, `# d ${t(5)}\n\n???\n${t(6)}`].join('\n---\n');
  const kinds: FragmentKind[] = ['math', 'figure', 'code', 'math', 'demo', 'exercise', 'math'];
  const split = splitFragments(deck(markdown, kinds), 2);

  it('keeps the first slides\' fragments (and the demos anywhere) in the page', () => {
    expect(split.eager[0]).toBe('<b class="math">0</b>');
    expect(split.eager[2]).toBe('<b class="code">2</b>');
    expect(split.eager[4]).toBe('<b class="demo">4</b>');
  });

  it('keeps the code blocks of later slides in the page: remark lays out their lines (`*` marks) as it builds the slides', () => {
    const late = splitFragments(deck([`# a`, `# b`, `# c ${t(0)} ${t(1)}`].join('\n---\n'), ['code', 'math']), 1);
    expect(late.eager[0]).toBe('<b class="code">0</b>');
    expect(Object.keys(late.later).map(Number)).toEqual([1]);
  });

  it('leaves placeholders for later slides, and for every figure', () => {
    expect(split.eager[1]).toBe(pendingFigure(1));
    expect(split.eager[3]).toBe(pendingFragment(3));
    expect(split.eager[5]).toBe(pendingFragment(5));
    expect(split.eager[6]).toBe(pendingFragment(6));
    expect(Object.keys(split.later).map(Number)).toEqual([1, 3, 5, 6]);
  });

  it('puts every fragment back once the later ones are filled in', () => {
    const fragments = deck(markdown, kinds).fragments;
    const filled = split.eager.map((html, i) => split.later[i] ?? html);
    expect(filled).toEqual(fragments);
    expect(expandFragments(`${t(3)}`, split.eager)).toBe('<span class="deck-pending" data-fragment="3"></span>');
  });

  it('keeps everything in the page when the first slides are all of them', () => {
    const all = splitFragments(deck(markdown, kinds), 10);
    expect(Object.keys(all.later)).toEqual(['1']);
  });
});

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHAPTER_SEPARATOR, compileDeck } from '../../../src/build/compile-deck.ts';
import { findCodeFences } from '../../../src/build/code-fences.ts';
import { readDeckSources } from '../../../src/build/deck-sources.ts';
import { formatDiagnostic } from '../../../src/build/diagnostics.ts';
import { convertLikeRemark, parseLikeRemark, type RemarkSlide } from '../../../src/build/remark-render.ts';
import { scanSlides } from '../../../src/build/remark-scanner.ts';
import { BAD_INPUTS } from '../../fixtures/corpus/bad-inputs.ts';

/**
 * The build's reading of a deck against remark's own: for every deck of the corpus, the
 * scanner's slides (count, properties, text, notes) equal what remark's parser returns, and
 * the code blocks the build finds are those remark's converter turns into code blocks.
 */

const root = resolve(import.meta.dirname, '../../..');
const read = (path: string) => readFileSync(resolve(root, path), 'utf8');

function corpus(): { name: string; text: string }[] {
  const lecture = readDeckSources(root).chapters.map((c) => c.text).join(CHAPTER_SEPARATOR);
  return [
    { name: 'the lecture (slides/)', text: lecture },
    { name: "remark's tour", text: read('tests/fixtures/dialect/tour.md') },
    { name: 'dialect math', text: read('tests/fixtures/dialect/math.md') },
    { name: 'demo fixture', text: read('tests/fixtures/demos/demos.md') },
    { name: 'seed math', text: read('tests/fixtures/seed-math.md') },
    { name: 'seed draft 000', text: read('tests/fixtures/corpus/seed-000.md') },
    { name: 'seed draft 001', text: read('tests/fixtures/corpus/seed-001.md') },
    ...BAD_INPUTS.filter((b) => !b.remarkThrows).map((b) => ({ name: `bad input: ${b.name}`, text: b.text })),
  ];
}

type Content = RemarkSlide['content'][number];
const flatten = (content: Content[]): string => content.map((c) => (typeof c === 'string' ? c : flatten(c.content))).join('');

function modelOf(text: string) {
  return scanSlides(text)
    .filter((s) => (s.properties.get('exclude')?.value ?? '').toLowerCase() !== 'true')
    .map((s) => ({
      properties: Object.fromEntries([...[...s.properties].map(([k, p]) => [k, p.value]), ['continued', String(s.continued)]].sort()),
      text: s.text,
      notes: s.notes,
      fences: findCodeFences(text.slice(s.start, s.end)).map((f) => f.lang || '(none)'),
    }));
}

function remarkModelOf(text: string) {
  return parseLikeRemark(text).map((s) => {
    const html = convertLikeRemark(s.content, s.links) + (s.notes ? convertLikeRemark(s.notes, s.links) : '');
    return {
      properties: Object.fromEntries(Object.entries(s.properties).sort()),
      text: flatten(s.content),
      notes: s.notes ? flatten(s.notes) : undefined,
      // Fenced blocks become <pre><code class="lang">; indented ones have no class and are not fences.
      fences: [...html.matchAll(/<pre><code class="([^"]*)">/g)].map((m) => m[1] || '(none)'),
    };
  });
}

describe('the build reads every deck of the corpus as remark does', () => {
  const decks = corpus();

  it('has a corpus of lecture, tour, drafts and every bad input', () => {
    expect(decks.length).toBe(7 + BAD_INPUTS.filter((b) => !b.remarkThrows).length);
  });

  it('lets remark refuse what it refuses', () => {
    for (const bad of BAD_INPUTS.filter((b) => b.remarkThrows)) expect(() => parseLikeRemark(bad.text)).toThrow();
  });

  for (const deck of decks) {
    it(deck.name, () => {
      const mine = modelOf(deck.text);
      const theirs = remarkModelOf(deck.text);
      expect(mine.length).toBe(theirs.length);
      mine.forEach((slide, i) => {
        const ref = theirs[i]!;
        expect(slide.properties, `slide ${i + 1} properties`).toEqual(ref.properties);
        expect(slide.text, `slide ${i + 1} text`).toBe(ref.text);
        expect(slide.notes, `slide ${i + 1} notes`).toBe(ref.notes);
        // A fence remark's lexer keeps whole can still sit inside raw HTML, where marked shows it as text.
        expect(ref.fences.every((lang) => slide.fences.includes(lang)), `slide ${i + 1} code blocks`).toBe(true);
      });
    });
  }
});

describe('bad input', () => {
  for (const bad of BAD_INPUTS) {
    it(bad.name, () => {
      const deck = compileDeck([{ file: 'slides/a.md', path: resolve(root, 'slides/a.md'), text: bad.text }]);
      const messages = deck.diagnostics.map(formatDiagnostic);
      if (bad.expected) expect(messages.some((m) => bad.expected!.test(m)), messages.join('\n')).toBe(true);
      else expect(messages).toEqual([]);
    });
  }

  it('renders math after an HTML <pre><code> holding a fence line', () => {
    const deck = compileDeck([{ file: 'slides/a.md', path: resolve(root, 'slides/a.md'), text: BAD_INPUTS[0]!.text }]);
    expect(deck.formulaCount).toBe(1);
    expect(deck.markdown).not.toContain('$x_t$');
  });

  it('leaves math in indented code and in attributes as written', () => {
    for (const bad of BAD_INPUTS.slice(1, 3)) {
      const deck = compileDeck([{ file: 'slides/a.md', path: resolve(root, 'slides/a.md'), text: bad.text }]);
      expect(deck.formulaCount).toBe(0);
      expect(deck.markdown).toBe(bad.text);
    }
  });

  it('leaves a fence inside HTML <pre> unhighlighted, as remark shows it', () => {
    const text = BAD_INPUTS.at(-1)!.text;
    expect(compileDeck([{ file: 'slides/a.md', path: resolve(root, 'slides/a.md'), text }]).markdown).toBe(text);
  });
});

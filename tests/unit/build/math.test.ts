import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDeck } from '../../../src/build/compile-deck.ts';
import { maskCode } from '../../../src/build/mask-code.ts';
import { expandFragments } from '../../../src/deck/fragments.ts';
import { findMath } from '../../../src/math/find-math.ts';
import { normalizeTex } from '../../../src/math/normalize-tex.ts';
import { renderMath } from '../../../src/math/render-math.ts';

const root = join(import.meta.dirname, '../../..');
const chapter = (text: string, file = 'slides/test.md') => ({ file, path: join(root, file), text });

describe('findMath', () => {
  it('finds inline and display math and skips code', () => {
    const text = 'a $x_t$ b `$not$` c\n$$\\sum_{t=1}^T J_t$$\n```\n$code$\n```\n';
    const scan = findMath(maskCode(text));
    expect(scan.spans.map((s) => [s.tex, s.display])).toEqual([
      ['x_t', false],
      ['\\sum_{t=1}^T J_t', true],
    ]);
    expect(scan.problems).toEqual([]);
  });

  it('lets display math span lines but not slides', () => {
    expect(findMath('$$\na\n$$').spans).toHaveLength(1);
    const broken = findMath('$$\na\n---\nb $$');
    expect(broken.spans).toHaveLength(0);
    expect(broken.problems[0]?.message).toMatch(/unterminated display math/);
  });

  it('reports an unterminated inline $ and keeps escaped dollars literal', () => {
    const scan = findMath('costs \\$5 and $x + 1\nnext line');
    expect(scan.escapedDollars).toHaveLength(1);
    expect(scan.problems).toHaveLength(1);
    expect(scan.problems[0]?.message).toMatch(/unterminated inline math/);
  });
});

describe('normalizeTex', () => {
  it('turns the escaped Markdown-first style into plain LaTeX', () => {
    expect(normalizeTex('\\mathbf{x\\_t}')).toBe('\\mathbf{x_t}');
    expect(normalizeTex('a \\\\cr b')).toBe('a \\\\ b');
    expect(normalizeTex('a \\\\ b')).toBe('a \\\\ b');
  });

  it('renders both styles to the same HTML', () => {
    const escaped = renderMath('\\sum\\_{t=1}^T J\\_t(\\theta)', true);
    const plain = renderMath('\\sum_{t=1}^T J_t(\\theta)', true);
    expect(escaped.ok && plain.ok).toBe(true);
    if (escaped.ok && plain.ok) expect(escaped.html.replace(/<annotation[^]*?<\/annotation>/, '')).toBe(plain.html.replace(/<annotation[^]*?<\/annotation>/, ''));
  });
});

describe('math protection on the source documents', () => {
  const text = readFileSync(join(root, 'tests/fixtures/seed-math.md'), 'utf8');
  const deck = compileDeck([chapter(text, 'tests/fixtures/seed-math.md')]);

  it('renders every formula of the drafts without error', () => {
    expect(deck.diagnostics).toEqual([]);
    expect(deck.formulaCount).toBeGreaterThan(20);
    expect(deck.fragments.join('')).not.toMatch(/katex-error/);
  });

  it('leaves no dollar or underscore of a formula for the Markdown parser', () => {
    expect(deck.markdown).not.toMatch(/\$/);
    expect(deck.markdown).not.toMatch(/\\_/);
    // The fragment tokens carry the formulas through; expanding them gives KaTeX HTML.
    expect(expandFragments(deck.markdown, deck.fragments)).toMatch(/class="katex-display"/);
  });

  it('renders the aligned clipping algorithm with its \\\\cr row breaks', () => {
    const html = deck.fragments.find((f) => f.includes('threshold'));
    expect(html).toBeDefined();
    expect(html).toMatch(/vlist/);
  });
});

describe('formula errors', () => {
  it('name the file and line and show a red box in place', () => {
    const deck = compileDeck([chapter('# Title\n\nok $x$\n\nbad $\\frac{1}{$ here\n')]);
    expect(deck.diagnostics).toHaveLength(1);
    const d = deck.diagnostics[0]!;
    expect(d).toMatchObject({ level: 'error', file: 'slides/test.md', line: 5 });
    expect(d.message).toContain('\\frac{1}{');
    expect(deck.fragments.some((f) => f.includes('deck-error') && f.includes('slides/test.md:5'))).toBe(true);
  });

  it('report an unterminated $$ with its line', () => {
    const deck = compileDeck([chapter('# A\n\n$$ x\n---\n# B\n')]);
    expect(deck.diagnostics[0]).toMatchObject({ level: 'error', line: 3 });
  });
});

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDeck } from '../../../src/build/compile-deck.ts';
import { readDeckSources } from '../../../src/build/deck-sources.ts';
import { formatDiagnostic } from '../../../src/build/diagnostics.ts';

function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'deck-'));
  mkdirSync(join(root, 'slides/figures'), { recursive: true });
  for (const [name, text] of Object.entries(files)) writeFileSync(join(root, name), text);
  return root;
}

describe('chapter order', () => {
  it('reads chapters in the declared order', () => {
    const root = project({ 'slides/order.txt': '# lecture\nb.md\na.md\n', 'slides/a.md': '# A\n', 'slides/b.md': '# B\n' });
    const { chapters, diagnostics } = readDeckSources(root);
    expect(diagnostics).toEqual([]);
    expect(chapters.map((c) => c.file)).toEqual(['slides/b.md', 'slides/a.md']);
  });

  it('is an error to name a missing file, with the order file line', () => {
    const root = project({ 'slides/order.txt': 'a.md\n\nmissing.md\n', 'slides/a.md': '# A\n' });
    const { diagnostics } = readDeckSources(root);
    expect(diagnostics).toHaveLength(1);
    expect(formatDiagnostic(diagnostics[0]!)).toBe('slides/order.txt:3: error: "missing.md" is listed but slides/missing.md does not exist');
  });

  it('warns about a slide file the order leaves out', () => {
    const root = project({ 'slides/order.txt': 'a.md\n', 'slides/a.md': '# A\n', 'slides/extra.md': '# X\n' });
    const { diagnostics } = readDeckSources(root);
    expect(diagnostics).toEqual([expect.objectContaining({ level: 'warning', file: 'slides/extra.md' })]);
  });
});

describe('file contents', () => {
  it('drops a byte-order mark, so the first slide keeps its properties', () => {
    const root = project({ 'slides/order.txt': '\uFEFFa.md\n', 'slides/a.md': '\uFEFFclass: center\n# A\n' });
    const { chapters, diagnostics } = readDeckSources(root);
    expect(diagnostics).toEqual([]);
    expect(chapters[0]!.text).toBe('class: center\n# A\n');
  });

  it('is an error, with the byte offset, when a file is not UTF-8', () => {
    const root = project({ 'slides/order.txt': 'a.md\n' });
    writeFileSync(join(root, 'slides/a.md'), Buffer.from([0x23, 0x20, 0x41, 0x0a, 0x63, 0x61, 0x66, 0xe9, 0x0a]));
    const { diagnostics } = readDeckSources(root);
    expect(diagnostics.map(formatDiagnostic)).toEqual(['slides/a.md:2: error: not UTF-8 at byte 7: save the file as UTF-8']);
  });

  it('is an error, with the order line, when a listed name is a directory', () => {
    const root = project({ 'slides/order.txt': 'a.md\nsub.md\n', 'slides/a.md': '# A\n' });
    mkdirSync(join(root, 'slides/sub.md'));
    const { diagnostics } = readDeckSources(root);
    expect(diagnostics.map(formatDiagnostic)).toEqual(['slides/order.txt:2: error: "sub.md" is listed but slides/sub.md is a directory, not a slide file']);
  });

  it('leaves an empty chapter out with a warning', () => {
    const deck = compileDeck([
      { file: 'slides/a.md', path: '/x/a.md', text: '# A\n' },
      { file: 'slides/b.md', path: '/x/b.md', text: '\n  \n' },
    ]);
    expect(deck.diagnostics.map(formatDiagnostic)).toEqual(['slides/b.md: warning: the chapter is empty, so it is left out (it would be a blank slide)']);
    expect(deck.markdown).toBe('# A\n');
  });

  it('shows a message slide when no chapter has slides', () => {
    const deck = compileDeck([{ file: 'slides/b.md', path: '/x/b.md', text: '' }]);
    expect(deck.markdown).toContain('This deck has no slides yet');
  });
});

describe('slide properties', () => {
  const compile = (text: string) => compileDeck([{ file: 'slides/a.md', path: '/nowhere/slides/a.md', text }]);

  it('accepts templates named on an earlier slide and layout true/false', () => {
    const deck = compile('name: inverse\nclass: inverse\n---\ntemplate: inverse\n# X\n---\nlayout: true\n---\nlayout: false\n# Y\n');
    expect(deck.diagnostics).toEqual([]);
  });

  it('rejects an unknown template with its line', () => {
    const deck = compile('# One\n---\n\ntemplate: invrse\n# Two\n');
    expect(deck.diagnostics).toEqual([expect.objectContaining({ level: 'error', file: 'slides/a.md', line: 4 })]);
    expect(deck.diagnostics[0]!.message).toMatch(/unknown template "invrse"/);
  });

  it('rejects an unknown layout value', () => {
    const deck = compile('# One\n---\nlayout: two-column\n# Two\n');
    expect(deck.diagnostics[0]).toMatchObject({ level: 'error', line: 3 });
    expect(deck.diagnostics[0]!.message).toMatch(/unknown layout "two-column"/);
  });

  it('ignores separators and properties inside code fences', () => {
    const deck = compile('# One\n```markdown\n---\ntemplate: nope\n```\n');
    expect(deck.diagnostics).toEqual([]);
  });
});

describe('figures', () => {
  it('inlines a local SVG and rejects external and missing images', () => {
    const root = project({
      'slides/figures/ok.svg': '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><text>s</text></svg>',
    });
    const path = join(root, 'slides/a.md');
    const text = '![state](figures/ok.svg)\n\n![web](https://example.org/x.png)\n\n![gone](figures/gone.svg)\n\n![ ](figures/ok.svg)\n';
    const deck = compileDeck([{ file: 'slides/a.md', path, text }]);
    expect(deck.fragments[0]).toMatch(/^<span class="deck-figure" role="img" aria-label="state"><svg/);
    expect(deck.diagnostics.map((d) => [d.line, d.message.slice(0, 30)])).toEqual([
      [3, 'image "https://example.org/x.p'],
      [5, 'image "figures/gone.svg" not f'],
      [7, 'figure "figures/ok.svg" has no'],
    ]);
  });
});

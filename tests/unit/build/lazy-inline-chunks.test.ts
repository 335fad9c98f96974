import { describe, expect, it } from 'vitest';
import { lazyInlineChunks } from '../../../src/build/lazy-inline-chunks.ts';

type Entry = { type: 'chunk'; fileName: string; code: string; isEntry: boolean; imports: string[]; dynamicImports: string[] } | { type: 'asset'; fileName: string; source: string };

function chunk(fileName: string, code: string, over: Partial<{ isEntry: boolean; imports: string[]; dynamicImports: string[] }> = {}): Entry {
  return { type: 'chunk', fileName, code, isEntry: false, imports: [], dynamicImports: [], ...over };
}

/** Runs the plugin's generateBundle on a hand-made bundle. */
function generate(bundle: Record<string, Entry>): Record<string, Entry> {
  const hook = lazyInlineChunks().generateBundle as { handler: (this: unknown, o: unknown, b: unknown) => void };
  hook.handler.call({ error: (m: string) => { throw new Error(m); } }, {}, bundle);
  return bundle;
}

describe('lazyInlineChunks (single-file build)', () => {
  const html = () => ({ type: 'asset' as const, fileName: 'index.html', source: '<html><body><div id="x"></div></body></html>' });

  it('turns lazy chunks into inert text and their imports into loader calls', () => {
    const out = generate({
      'assets/index.js': chunk('assets/index.js', 'const f=()=>import(`./tf.js`);export{f as a};', { isEntry: true, dynamicImports: ['assets/tf.js'] }),
      'assets/tf.js': chunk('assets/tf.js', 'import{a as b}from"./index.js";import{c}from"./shared.js";const s="$`$\'";export{b,c,s};', { imports: ['assets/index.js', 'assets/shared.js'] }),
      'assets/shared.js': chunk('assets/shared.js', 'export const c="</script><!--";'),
      'index.html': html(),
    });
    expect(Object.keys(out).sort()).toEqual(['assets/index.js', 'index.html']);
    const entry = out['assets/index.js'] as { code: string };
    expect(entry.code).toContain('globalThis.__deckChunk("assets/tf.js")');
    expect(entry.code).toContain('globalThis.__deckEntry = { get a() { return f; } };');
    expect(entry.code).not.toContain('export{f as a}');
    const page = (out['index.html'] as { source: string }).source;
    // `$` sequences in chunk code are copied as they are, not expanded as replacement patterns.
    expect(page).toContain('<script type="text/plain" data-deck-chunk="assets/tf.js">import{a as b}from"deck-chunk:assets/index.js";import{c}from"deck-chunk:assets/shared.js";const s="$`$\'";');
    expect(page).toContain('export const c="\\x3C/script>\\x3C!--";');
    expect(page.indexOf('<div id="x"></div>')).toBeLessThan(page.indexOf('data-deck-chunk'));
    expect(page.match(/<\/body>/g)).toHaveLength(1);
  });

  it('refuses an entry that imports chunks statically: they could not stay inert', () => {
    expect(() =>
      generate({
        'assets/index.js': chunk('assets/index.js', 'import"./a.js";', { isEntry: true, imports: ['assets/a.js'] }),
        'assets/a.js': chunk('assets/a.js', ''),
        'index.html': html(),
      }),
    ).toThrow(/entry chunk imports assets\/a\.js statically/);
  });
});

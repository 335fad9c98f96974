import { describe, expect, it } from 'vitest';
import { highlighterModuleSource, scopeTheme } from '../../../src/build/highlighter-module.ts';
import { codePointsOf, dropLegacySources, parseUnicodeRange, pruneFontCss } from '../../../src/build/prune-fonts.ts';
import { expandFragments, fragmentToken } from '../../../src/deck/fragments.ts';

describe('font pruning', () => {
  const css = `@font-face{font-family:'X';src:url(./a.woff2) format('woff2'), url(./a.woff) format('woff');unicode-range:U+3040-309F;}
@font-face{font-family:'X';src:url(./b.woff2) format('woff2'), url(./b.woff) format('woff');unicode-range:U+4??, U+1F600;}`;

  it('parses ranges with wildcards', () => {
    expect(parseUnicodeRange('U+0000-00FF, U+4??, U+1F600')).toEqual([
      [0, 0xff],
      [0x400, 0x4ff],
      [0x1f600, 0x1f600],
    ]);
  });

  it('keeps only subsets holding a used character, and only woff2', () => {
    const out = pruneFontCss(css, codePointsOf('した'));
    expect(out).toContain('a.woff2');
    expect(out).not.toContain('a.woff)');
    expect(out).not.toContain('b.woff2');
    expect(pruneFontCss(css, codePointsOf('😀'))).toContain('b.woff2');
  });

  it('drops woff and ttf copies of KaTeX fonts', () => {
    expect(dropLegacySources('src:url(k.woff2) format("woff2"),url(k.woff) format("woff"),url(k.ttf) format("truetype")')).toBe(
      'src:url(k.woff2) format("woff2")',
    );
  });
});

describe('highlighter replacement', () => {
  it('scopes a theme under the class remark puts on slides', () => {
    expect(scopeTheme('/* c */ pre code.hljs{padding:1em} .hljs-keyword,.hljs-x{color:red}', 'github')).toBe(
      '.hljs-github pre code.hljs{padding:1em}.hljs-github .hljs-keyword,.hljs-github .hljs-x{color:red}',
    );
  });

  it('ships the themes and no highlighter to the page', () => {
    const source = highlighterModuleSource();
    expect(source).not.toContain('highlight.js');
    expect(source).not.toContain('require(');
    expect(source).toContain('"github-dark"');
  });
});

describe('fragments', () => {
  it('round-trips through tokens', () => {
    expect(expandFragments(`<p>a ${fragmentToken(1)} b</p>`, ['x', '<b>y</b>'])).toBe('<p>a <b>y</b> b</p>');
  });
});

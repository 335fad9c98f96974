import { describe, expect, it } from 'vitest';
import { compileDeck } from '../../../src/build/compile-deck.ts';
import { highlightCode, knownLanguages } from '../../../src/build/highlight-code.ts';

const SAMPLES: Record<string, string> = {
  python: 'def f(x):\n    return x + 1',
  javascript: 'const f = (x) => x + 1;',
  typescript: 'let n: number = 1;',
  bash: 'for f in *.md; do echo "$f"; done',
  json: '{"a": [1, true, null]}',
  xml: '<a href="x">t</a>',
  markdown: '# Title\n*em*',
  c: 'int main(void) { return 0; }',
  cpp: 'template <typename T> T id(T x) { return x; }',
  java: 'public class A { static int x = 1; }',
  go: 'func main() { fmt.Println("hi") }',
  rust: 'fn main() { let x: i32 = 1; }',
  ruby: 'def f(x) = x + 1',
  haskell: 'f :: Int -> Int\nf x = x + 1',
  r: 'x <- c(1, 2, 3)',
  julia: 'function f(x) return x + 1 end',
  sql: 'SELECT a FROM t WHERE b = 1;',
  css: '.a { color: red; }',
  yaml: 'a: 1\nb: [true, "x"]',
  lua: 'local x = function() return 1 end',
  scala: 'object A { def f(x: Int): Int = x + 1 }',
  kotlin: 'fun f(x: Int): Int = x + 1',
  matlab: 'x = zeros(3, 1); % comment',
  latex: '\\begin{equation} x \\end{equation}',
};

describe('build-time highlighting', () => {
  it('knows far more languages than the lecture uses', () => {
    expect(knownLanguages().length).toBeGreaterThan(150);
  });

  for (const [lang, code] of Object.entries(SAMPLES)) {
    it(`highlights ${lang}`, () => {
      expect(highlightCode(lang, code)).toMatch(/<span class="hljs-[a-z]/);
    });
  }

  it('keeps remark\'s "*" line marks where remark looks for them, off the grammar', () => {
    const html = highlightCode('python', 'x = 1\n* y = 2\n*z = 3')!;
    const lines = html.split('\n');
    expect(lines[0]).not.toMatch(/^\*/);
    expect(lines[1]).toMatch(/^\* y = <span class="hljs-number">2<\/span>$/);
    expect(lines[2]).toMatch(/^\*z = <span class="hljs-number">3<\/span>$/);
  });

  it('puts highlighted code into the deck in place of the fence body, and warns about an unknown language', () => {
    const deck = compileDeck([{ file: 'slides/a.md', path: '/x/slides/a.md', text: '# A\n\n```rust\nfn main() {}\n```\n\n```nosuchlang\nx\n```\n' }]);
    expect(deck.markdown).toMatch(/```rust\n\uE000\d+\uE001\n```/);
    expect(deck.fragments.some((f) => f.includes('hljs-keyword'))).toBe(true);
    expect(deck.diagnostics).toEqual([expect.objectContaining({ level: 'warning', line: 7, message: expect.stringContaining('unknown code language "nosuchlang"') })]);
  });

  it('returns null for a language it does not know', () => {
    expect(highlightCode('nosuchlang', 'x')).toBeNull();
  });
});

import hljs from 'highlight.js';

/** Every language (and alias) highlight.js knows: all of them are available at build time, none ships to the page. */
export function knownLanguages(): string[] {
  return hljs.listLanguages();
}

export function isKnownLanguage(lang: string): boolean {
  return hljs.getLanguage(lang) !== undefined;
}

/** remark's line marker: a `*` at the start of a code line highlights that line (`highlightLines`). */
const LINE_MARK = /^\*( )?/;

/**
 * Highlights a fenced block's code in Node, as remark's page-side highlighter would, and
 * keeps remark's `*` line marks working: the marks are taken off before highlighting (so
 * the grammar never sees them) and put back at the start of the highlighted line, where
 * remark's slide view finds them, turns them into spaces and marks the line.
 * Returns null for a language highlight.js does not know.
 */
export function highlightCode(lang: string, code: string): string | null {
  if (!isKnownLanguage(lang)) return null;
  const lines = code.split('\n');
  const marks = lines.map((l) => LINE_MARK.exec(l));
  // remark replaces "* " by two spaces and a bare "*" by nothing; the grammar sees the same.
  const clean = lines.map((l, i) => (marks[i] ? l.replace(LINE_MARK, '$1$1') : l)).join('\n');
  const html = hljs.highlight(clean, { language: lang, ignoreIllegals: true }).value;
  return html
    .split('\n')
    .map((line, i) => {
      const mark = marks[i];
      if (!mark) return line;
      return mark[1] && line.startsWith('  ') ? `* ${line.slice(2)}` : `*${line}`;
    })
    .join('\n');
}

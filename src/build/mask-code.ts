import { scanTokens } from './remark-scanner.ts';

/**
 * Hides code and markup from the search for formulas and figures: fenced blocks and inline
 * code as remark's lexer finds them, raw HTML `<pre>`, `<code>`, `<style>` and `<script>`
 * elements (and, for maskCodeAndTags, the inside of every HTML tag) are overwritten with MASK
 * (newlines kept), so offsets and line numbers stay the same. This only narrows the
 * candidates: compile-deck.ts then asks remark's own converter where each one lands.
 */
export const MASK = '\u0001';

const RAW_ELEMENT = /<(pre|code|style|script|textarea)\b[\s\S]*?<\/\1\s*>/gi;
/** An HTML tag or comment; `$a<b$` is no tag, since a tag name ends at a space, `/` or `>`. */
const TAG = /<!--[\s\S]*?-->|<\/?[a-zA-Z][a-zA-Z0-9-]*(?:\s[^<>]*)?\/?>/g;

export function maskCode(text: string): string {
  return mask(text, false);
}

/** maskCode, and the inside of every HTML tag too: where formulas and figures are looked for. */
export function maskCodeAndTags(text: string): string {
  return mask(text, true);
}

function mask(text: string, tags: boolean): string {
  const out = text.split('');
  const hide = (start: number, end: number) => {
    for (let i = start; i < end; i++) if (out[i] !== '\n') out[i] = MASK;
  };
  for (const t of scanTokens(text)) if (t.type === 'fences' || t.type === 'inline-code') hide(t.start, t.end);
  for (const m of text.matchAll(RAW_ELEMENT)) hide(m.index, m.index + m[0].length);
  if (tags) for (const m of text.matchAll(TAG)) hide(m.index, m.index + m[0].length);
  return out.join('');
}

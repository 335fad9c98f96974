import { scanSlides } from './remark-scanner.ts';

/** A fenced code block of a chapter; `bodyStart`/`bodyEnd` cover the code as marked reads it. */
export interface CodeFence {
  start: number;
  lang: string;
  bodyStart: number;
  bodyEnd: number;
  body: string;
}

/** marked 0.3.1's GFM fence rule: the code ends before the whitespace that precedes the closing fence. */
const FENCE = /^ *(`{3,}|~{3,}) *(\S+)? *\n([\s\S]+?)\s*\1 *(?:\n+|$)/;

/** The fenced blocks remark's lexer finds in a chapter (slides and notes), with their language. */
export function findCodeFences(text: string): CodeFence[] {
  const out: CodeFence[] = [];
  for (const slide of scanSlides(text)) {
    for (const t of slide.tokens) {
      if (t.type !== 'fences') continue;
      const lead = t.text.startsWith('\n') ? 1 : 0;
      const m = FENCE.exec(t.text.slice(lead));
      if (!m) continue;
      const start = t.start + lead;
      const bodyStart = start + m[0].indexOf('\n') + 1;
      const body = m[3]!;
      out.push({ start, lang: m[2] ?? '', bodyStart, bodyEnd: bodyStart + body.length, body });
    }
  }
  return out;
}

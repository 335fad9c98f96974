/**
 * Hides code from the prose transforms: fenced blocks and inline code spans are
 * overwritten with MASK (newlines kept), so offsets and line numbers stay the same
 * and nothing inside code is ever taken for math or a figure.
 */
export const MASK = '\u0001';

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;

export function maskCode(text: string): string {
  const out = text.split('');
  const lines = text.split('\n');
  let offset = 0;
  let fence: string | null = null;
  let fenceStart = 0;
  for (const line of lines) {
    const lineEnd = offset + line.length;
    if (fence === null) {
      const m = FENCE_OPEN.exec(line);
      if (m?.[1]) {
        fence = m[1];
        fenceStart = offset;
      }
    } else {
      const close = line.trim();
      if (close.length >= fence.length && close === close[0]!.repeat(close.length) && close[0] === fence[0]) {
        for (let i = fenceStart; i < lineEnd; i++) if (out[i] !== '\n') out[i] = MASK;
        fence = null;
      }
    }
    offset = lineEnd + 1;
  }
  // An unclosed fence runs to the end of the slide text, as in Markdown.
  if (fence !== null) for (let i = fenceStart; i < text.length; i++) if (out[i] !== '\n') out[i] = MASK;
  maskInlineCode(out);
  return out.join('');
}

function maskInlineCode(chars: string[]): void {
  let i = 0;
  while (i < chars.length) {
    if (chars[i] === '\\') {
      i += 2;
      continue;
    }
    if (chars[i] !== '`') {
      i++;
      continue;
    }
    let run = 0;
    while (chars[i + run] === '`') run++;
    const close = findRun(chars, i + run, run);
    if (close < 0) {
      i += run;
      continue;
    }
    for (let k = i; k < close + run; k++) if (chars[k] !== '\n') chars[k] = MASK;
    i = close + run;
  }
}

/** Start of the next run of exactly `run` backticks within the same paragraph, or -1. */
function findRun(chars: string[], from: number, run: number): number {
  let i = from;
  while (i < chars.length) {
    if (chars[i] === '\n' && chars[i + 1] === '\n') return -1;
    if (chars[i] === '`') {
      let n = 0;
      while (chars[i + n] === '`') n++;
      if (n === run) return i;
      i += n;
      continue;
    }
    i++;
  }
  return -1;
}

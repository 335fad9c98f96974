import { MASK } from '../build/mask-code.ts';

/** One formula found in slide text. `start`/`end` include the delimiters. */
export interface MathSpan {
  start: number;
  end: number;
  tex: string;
  display: boolean;
}

export interface MathProblem {
  offset: number;
  message: string;
}

/** An escaped dollar `\$` outside math: shown as a plain `$`. */
export interface EscapedDollar {
  offset: number;
}

export interface MathScan {
  spans: MathSpan[];
  escapedDollars: EscapedDollar[];
  problems: MathProblem[];
}

const SLIDE_BREAK = /\n(---?|\?\?\?)[ \t]*(\n|$)/;

/**
 * Finds `$…$` (one line) and `$$…$$` (may span lines, not slides) in text whose code
 * was masked by maskCode. Reports unterminated delimiters instead of guessing.
 */
export function findMath(masked: string): MathScan {
  const spans: MathSpan[] = [];
  const escapedDollars: EscapedDollar[] = [];
  const problems: MathProblem[] = [];
  let i = 0;
  while (i < masked.length) {
    const c = masked[i];
    if (c === '\\') {
      if (masked[i + 1] === '$') escapedDollars.push({ offset: i });
      i += 2;
      continue;
    }
    if (c !== '$') {
      i++;
      continue;
    }
    if (masked[i + 1] === '$') {
      const close = findClosing(masked, i + 2, '$$', false);
      if (close < 0 || SLIDE_BREAK.test(masked.slice(i, close))) {
        problems.push({ offset: i, message: 'unterminated display math: "$$" has no closing "$$" on this slide' });
        i += 2;
        continue;
      }
      spans.push({ start: i, end: close + 2, tex: masked.slice(i + 2, close), display: true });
      i = close + 2;
      continue;
    }
    const close = findClosing(masked, i + 1, '$', true);
    if (close < 0) {
      problems.push({
        offset: i,
        message: 'unterminated inline math: "$" has no closing "$" on the same line (write \\$ for a dollar sign)',
      });
      i += 1;
      continue;
    }
    const tex = masked.slice(i + 1, close);
    if (tex.trim() === '') {
      problems.push({ offset: i, message: 'empty inline math "$ $"' });
    } else {
      spans.push({ start: i, end: close + 1, tex, display: false });
    }
    i = close + 1;
  }
  return { spans, escapedDollars, problems };
}

function findClosing(text: string, from: number, delimiter: '$' | '$$', sameLine: boolean): number {
  let i = from;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === MASK) return -1;
    if (sameLine && c === '\n') return -1;
    if (c === '$') {
      if (delimiter === '$$') {
        if (text[i + 1] === '$') return i;
      } else if (text[i + 1] !== '$') {
        return i;
      } else {
        return -1;
      }
    }
    i++;
  }
  return -1;
}

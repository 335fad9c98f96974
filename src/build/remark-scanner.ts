/**
 * remark's slide lexer (remark-slide 0.14, src/remark/lexer.js and parser.js) re-read with
 * source offsets. remark's own lexer hands back token text only, and the build needs to
 * know where each slide, property, fence and note starts in the chapter file. The token
 * rules and their precedence are remark's; tests/unit/build/reader-differential.test.ts
 * checks on a corpus of decks that this scanner and remark's own parser agree.
 */

/** remark's token patterns, combined in remark's order; the first alternative that matches earliest wins. */
const PATTERNS = {
  CODE: /(?:^|\n)( {4}[^\n]+\n*)+/,
  INLINE_CODE: /`([^`]+?)`/,
  CONTENT: /(?:\\)?((?:\.[a-zA-Z_-][a-zA-Z_0-9-]*)+)\[/,
  // `\4` is the fence marker's group number once the patterns are combined, as in remark.
  FENCES: new RegExp('(?:^|\\n) *(`{3,}|~{3,}) *(?:\\S+)? *\\n(?:[\\s\\S]+?)\\s*\\4 *(?:\\n+|$)'),
  DEF: /(?:^|\n) *\[([^\]]+)\]: *<?([^\s>]+)>?(?: +["(]([^\n]+)[")])? *(?:\n+|$)/,
  MACRO: /!\[:([^\] ]+)([^\]]*)\](?:\(([^)]*)\))?/,
  SEPARATOR: /(?:^|\n)(---?)(?:\n|$)/,
  NOTES_SEPARATOR: /(?:^|\n)(\?{3})(?:\n|$)/,
};
type PatternName = keyof typeof PATTERNS;

function combine(names: PatternName[]): RegExp {
  return new RegExp(names.map((n) => PATTERNS[n].source).join('|'));
}
const BLOCK = combine(['CODE', 'INLINE_CODE', 'CONTENT', 'FENCES', 'DEF', 'MACRO', 'SEPARATOR', 'NOTES_SEPARATOR']);
const INLINE = combine(['CODE', 'INLINE_CODE', 'CONTENT', 'FENCES', 'DEF', 'MACRO']);
// Capture groups of the combined pattern, as remark numbers them.
const G = { CODE: 1, INLINE_CODE: 2, CONTENT: 3, FENCES: 4, DEF: 5, MACRO: 8, SEPARATOR: 11, NOTES_SEPARATOR: 12 };

export type TokenType = 'text' | 'inline-code' | 'code' | 'fences' | 'def' | 'macro' | 'separator' | 'notes-separator' | 'content-start' | 'content-end';

/** A token of remark's lexer with its place in the scanned text (`end` exclusive). */
export interface ScanToken {
  type: TokenType;
  start: number;
  end: number;
  /** The text remark keeps for this token (an escaped content class loses its backslash). */
  text: string;
  /** Separator kind (`---` or `--`), or a content class's classes. */
  marker?: string;
  block?: boolean;
}

function lexFrom(src: string, base: number, regex: RegExp, tokens: ScanToken[]): void {
  let rest = src;
  let offset = base;
  let cap: RegExpExecArray | null;
  while ((cap = regex.exec(rest)) !== null) {
    if (cap.index > 0) tokens.push({ type: 'text', start: offset, end: offset + cap.index, text: rest.slice(0, cap.index) });
    const at = offset + cap.index;
    const whole = cap[0];
    let consumed = cap.index + whole.length;
    const token = (type: TokenType, extra: Partial<ScanToken> = {}) => tokens.push({ type, start: at, end: at + whole.length, text: whole, ...extra });
    if (cap[G.CODE]) token('code');
    else if (cap[G.INLINE_CODE]) token('inline-code');
    else if (cap[G.FENCES]) token('fences');
    else if (cap[G.DEF]) token('def');
    else if (cap[G.MACRO]) token('macro');
    else if (cap[G.SEPARATOR]) token('separator', { marker: cap[G.SEPARATOR] });
    else if (cap[G.NOTES_SEPARATOR]) token('notes-separator');
    else if (cap[G.CONTENT]) {
      const innerStart = cap.index + whole.length;
      const inner = textInBrackets(rest, innerStart);
      if (inner === undefined) {
        token('text');
      } else {
        consumed += inner.length + 1;
        if (whole.startsWith('\\')) {
          tokens.push({ type: 'text', start: at, end: offset + consumed, text: whole.slice(1) + inner + ']' });
        } else {
          const block = inner.includes('\n');
          tokens.push({ type: 'content-start', start: at, end: at + whole.length, text: whole, marker: cap[G.CONTENT]!.slice(1), block });
          lexFrom(inner, offset + innerStart, INLINE, tokens);
          tokens.push({ type: 'content-end', start: offset + consumed - 1, end: offset + consumed, text: ']', block });
        }
      }
    }
    rest = rest.slice(consumed);
    offset += consumed;
  }
  if (rest || tokens.length === 0) tokens.push({ type: 'text', start: offset, end: offset + rest.length, text: rest });
}

function textInBrackets(src: string, from: number): string | undefined {
  let depth = 1;
  let pos = from;
  while (depth > 0 && pos < src.length) {
    const c = src[pos++];
    if (c === '[') depth++;
    else if (c === ']') depth--;
  }
  return depth === 0 ? src.slice(from, pos - 1) : undefined;
}

export function scanTokens(source: string): ScanToken[] {
  const tokens: ScanToken[] = [];
  lexFrom(source, 0, BLOCK, tokens);
  return tokens;
}

export interface SlideProperty {
  value: string;
  /** Offset of the property's key in the scanned text. */
  offset: number;
}

/** One slide as remark's parser builds it, located in the scanned text. */
export interface ScannedSlide {
  /** Offset where the slide's text begins (after the separator line). */
  start: number;
  /** Offset of the notes separator `???`, or the slide's end. */
  contentEnd: number;
  /** Offset of the notes' first character, when there are notes. */
  notesStart?: number;
  end: number;
  /** Started by `--`: an incremental step of the slide before. */
  continued: boolean;
  properties: Map<string, SlideProperty>;
  /** The tokens between the separators (notes included). */
  tokens: ScanToken[];
  /** Text of the slide content as remark's parser hands it to the Markdown converter, properties removed and content classes flattened. */
  text: string;
  notes?: string;
}

/** remark's property pattern: `key: value` lines at the top of a slide, or `<!-- key: value -->` anywhere in its first text. */
const PROPERTY = /^\n*([-\w]+):([^$\n]*)|\n*(?:<!--\s*)([-\w]+):([^$\n]*?)(?:\s*-->)/i;

/** Splits scanned text into remark's slides: `---` and `--` outside code and content classes, `???` for notes. */
export function scanSlides(source: string): ScannedSlide[] {
  const tokens = scanTokens(source);
  const slides: ScannedSlide[] = [];
  let current: ScanToken[] = [];
  let start = 0;
  let continued = false;
  const flush = (end: number) => {
    slides.push(buildSlide(current, start, end, continued));
    current = [];
  };
  for (const t of tokens) {
    if (t.type === 'separator') {
      flush(t.start);
      start = t.end;
      continued = t.marker === '--';
    } else {
      current.push(t);
    }
  }
  flush(source.length);
  return slides;
}

function buildSlide(tokens: ScanToken[], start: number, end: number, continued: boolean): ScannedSlide {
  const notesAt = tokens.findIndex((t) => t.type === 'notes-separator');
  const content = notesAt < 0 ? tokens : tokens.slice(0, notesAt);
  const notes = notesAt < 0 ? undefined : tokens.slice(notesAt + 1);
  const properties = new Map<string, SlideProperty>();
  const text = extractProperties(flatten(content), properties);
  const slide: ScannedSlide = {
    start,
    contentEnd: notesAt < 0 ? end : tokens[notesAt]!.start,
    end,
    continued,
    properties,
    tokens,
    text: text.map((c) => c.text).join(''),
  };
  if (notes) {
    slide.notesStart = tokens[notesAt]!.end;
    slide.notes = flatten(notes).map((c) => c.text).join('');
  }
  return slide;
}

interface Chunk {
  text: string;
  /** Offset of each character of `text` in the scanned source. */
  offsets: number[];
  /** A content class's opening or closing: remark keeps them as objects, not text. */
  boundary: boolean;
}

/** remark keeps text, code and fences as text; definitions and (unsupported) macros leave no text. */
function flatten(tokens: ScanToken[]): Chunk[] {
  const chunks: Chunk[] = [];
  for (const t of tokens) {
    if (t.type === 'def' || t.type === 'macro') continue;
    if (t.type === 'content-start' || t.type === 'content-end') {
      chunks.push({ text: '', offsets: [], boundary: true });
      continue;
    }
    const skip = t.end - t.start - t.text.length;
    chunks.push({ text: t.text, offsets: [...t.text].map((_, i) => t.start + skip + i), boundary: false });
  }
  return chunks;
}

/** remark reads properties only from the slide's first string, before any content class. */
function extractProperties(chunks: Chunk[], properties: Map<string, SlideProperty>): Chunk[] {
  const firstEnd = chunks.findIndex((c) => c.boundary);
  const head = chunks.slice(0, firstEnd < 0 ? chunks.length : firstEnd);
  if (chunks.length === 0 || chunks[0]!.boundary) return chunks;
  let text = head.map((c) => c.text).join('');
  let offsets = head.flatMap((c) => c.offsets);
  let m: RegExpExecArray | null;
  while ((m = PROPERTY.exec(text)) !== null) {
    const key = (m[1] ?? m[3])!;
    const value = (m[1] !== undefined ? m[2] : m[4])!;
    const keyAt = m.index + m[0].indexOf(key);
    properties.set(key.trim(), { value: value.trim(), offset: offsets[keyAt] ?? 0 });
    text = text.slice(0, m.index) + text.slice(m.index + m[0].length);
    offsets = [...offsets.slice(0, m.index), ...offsets.slice(m.index + m[0].length)];
  }
  return [{ text, offsets, boundary: false }, ...chunks.slice(head.length)];
}

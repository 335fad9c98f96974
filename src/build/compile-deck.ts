import { fragmentToken } from '../deck/fragments.ts';
import { findMath } from '../math/find-math.ts';
import { mathErrorHtml, renderMath, escapeHtml } from '../math/render-math.ts';
import type { ChapterSource } from './deck-sources.ts';
import { lineAt, type Diagnostic } from './diagnostics.ts';
import { findImages, isExternal, loadFigure } from './figures.ts';
import { demoId, demoPlacement, findDemoFences } from './demo-fences.ts';
import { findCodeFences } from './code-fences.ts';
import { exerciseHtml, findExerciseFences, parseExercise } from './exercise-fences.ts';
import { highlightCode, knownLanguages } from './highlight-code.ts';
import { maskCodeAndTags } from './mask-code.ts';
import { parseLikeRemark, placementOf, renderLikeRemark } from './remark-render.ts';
import type { DemoSpec } from '../widgets/contract.ts';
import { checkProperties, splitSlides } from './slide-properties.ts';

/** What a fragment is: demos are found by the page's runtime, the rest is only shown. */
export type FragmentKind = 'math' | 'figure' | 'demo' | 'exercise' | 'code';

/** The deck as the page receives it: remark Markdown with fragment tokens, and the fragments' HTML. */
export interface CompiledDeck {
  markdown: string;
  fragments: string[];
  /** The kind of each fragment, by index (an HTML string made twice keeps its first kind). */
  fragmentKinds: FragmentKind[];
  diagnostics: Diagnostic[];
  /** Every file the deck was built from (chapters and figures), for the dev server to watch. */
  files: string[];
  formulaCount: number;
  /** The chapters in order, with the number of remark slides (steps included) each makes: the reading view's headings. */
  chapters: ChapterOutline[];
}

export interface ChapterOutline {
  file: string;
  title: string;
  slides: number;
}

/** A chapter's title (its first `#` heading, formulas and Markdown marks dropped) and its slide count as remark makes them. */
function outlineOf(chapter: ChapterSource): ChapterOutline {
  const heading = /^#\s+(.+)$/m.exec(chapter.text)?.[1] ?? chapter.file;
  const title = heading.replace(/\$([^$]*)\$/g, '$1').replace(/[*_`\\]/g, '').trim();
  let slides = 0;
  try {
    slides = parseLikeRemark(chapter.text).filter((s) => s.properties.layout !== 'true' && s.properties.exclude !== 'true').length;
  } catch {
    // The whole deck's reading reports what remark cannot parse.
  }
  return { file: chapter.file, title, slides };
}

interface Replacement {
  start: number;
  end: number;
  text: string;
}

class FragmentTable {
  readonly fragments: string[] = [];
  readonly kinds: FragmentKind[] = [];
  private readonly index = new Map<string, number>();
  add(html: string, kind: FragmentKind): string {
    let i = this.index.get(html);
    if (i === undefined) {
      i = this.fragments.push(html) - 1;
      this.kinds.push(kind);
      this.index.set(html, i);
    }
    return fragmentToken(i);
  }
}

/** Fence languages that mean "show as written": remark's tour marks its own Markdown `remark`, and stock remark leaves it plain. */
const PLAIN_LANGUAGES = new Set(['remark', 'nohighlight', 'no-highlight']);

const EMPTY_DECK = 'class: middle, center\n\n# This deck has no slides yet\n\nList chapter files in slides/order.txt and write slides in them.';

/** Chapters are joined with a slide separator, so each file starts on a new slide. */
export const CHAPTER_SEPARATOR = '\n---\n';

/** What a replacement must become in the page for the build to keep it. */
type Expect = 'text' | 'code-block';

interface Planned extends Replacement {
  expect: Expect;
  /** Runs once the replacement is known to land where expected: renders, checks, reports. */
  commit: () => string;
}

/** C0 controls other than tab and line ends, and DEL: no slide means one, and the page cannot show them. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const MAX_CONTROL_REPORTS = 5;

/** remark leaves a BOM, front matter and empty files in the deck as text and blank slides; they are stopped here. */
function checkChapter(chapter: ChapterSource, diagnostics: Diagnostic[]): boolean {
  if (chapter.text.trim() === '') {
    diagnostics.push({ level: 'warning', file: chapter.file, line: 0, message: 'the chapter is empty, so it is left out (it would be a blank slide)' });
    return false;
  }
  let shown = 0;
  for (const m of chapter.text.matchAll(CONTROL_CHARACTER)) {
    // A binary file would give one per byte; the first few say enough.
    if (++shown > MAX_CONTROL_REPORTS) break;
    const code = m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
    diagnostics.push({
      level: 'error',
      file: chapter.file,
      line: lineAt(chapter.text, m.index),
      message: `control character U+${code} in the text: the browser shows it as a box or drops it; delete it (tabs and line ends are fine)`,
    });
  }
  const front = /^---[ \t]*\n(?:[-\w]+:[^\n]*\n)+---[ \t]*(?:\n|$)/.exec(chapter.text);
  if (front) {
    diagnostics.push({
      level: 'error',
      file: chapter.file,
      line: 1,
      message: 'front matter is not supported: remark reads "---" as a slide break, so this makes a blank slide and a slide of properties; put the properties at the top of the first slide',
    });
  }
  return true;
}

export function compileDeck(
  allChapters: ChapterSource[],
  sourceDiagnostics: Diagnostic[] = [],
  demos: ReadonlyMap<string, DemoSpec> = new Map(),
): CompiledDeck {
  const table = new FragmentTable();
  const diagnostics = [...sourceDiagnostics];
  const chapters = allChapters.filter((c) => checkChapter(c, diagnostics));
  const files = allChapters.map((c) => c.path);
  let formulaCount = 0;
  const ids = new Map<string, { where: string; name: string; explicit: boolean; params: string }>();
  const exerciseIds = new Map<string, string>();
  diagnostics.push(...checkProperties(chapters.map((c) => ({ file: c.file, slides: splitSlides(c.text) }))));

  // The deck is read as one text, as remark reads it; each replacement keeps its chapter for messages.
  const bases: number[] = [];
  let source = '';
  chapters.forEach((c, i) => {
    if (i > 0) source += CHAPTER_SEPARATOR;
    bases.push(source.length);
    source += c.text;
  });
  const planned: Planned[] = [];

  chapters.forEach((chapter, ci) => {
    const text = chapter.text;
    const base = bases[ci]!;
    const masked = maskCodeAndTags(text);
    const at = (offset: number) => `${chapter.file}:${lineAt(text, offset)}`;
    const report = (level: Diagnostic['level'], offset: number, message: string) =>
      diagnostics.push({ level, file: chapter.file, line: lineAt(text, offset), message });
    const plan = (start: number, end: number, expect: Expect, commit: () => string) =>
      planned.push({ start: base + start, end: base + end, text: '', expect, commit });

    const math = findMath(masked);
    for (const p of math.problems) {
      plan(p.offset, p.offset + 1, 'text', () => {
        report('error', p.offset, p.message);
        return text[p.offset]!;
      });
    }
    for (const span of math.spans) {
      const tex = text.slice(span.start + (span.display ? 2 : 1), span.end - (span.display ? 2 : 1));
      plan(span.start, span.end, 'text', () => {
        formulaCount++;
        const link = /\\(?:href|url)\b/.exec(tex);
        if (link) report('error', span.start, `${link[0]} in a formula: KaTeX renders it as an error here (links in math are off); write the link in Markdown next to the formula`);
        const result = renderMath(tex, span.display);
        if (result.ok) return table.add(result.html, 'math');
        const shown = `${span.display ? '$$' : '$'}${result.tex}${span.display ? '$$' : '$'}`;
        report('error', span.start, `KaTeX cannot render ${shown}: ${result.message}`);
        return table.add(mathErrorHtml(at(span.start), result.message, result.tex), 'math');
      });
    }
    for (const e of math.escapedDollars) plan(e.offset, e.offset + 2, 'text', () => '$');

    for (const image of findImages(masked)) {
      plan(image.start, image.end, 'text', () => {
        const figure = loadFigure(chapter.path, image.src, image.alt);
        if (figure.ok) {
          files.push(figure.path);
          return table.add(figure.html, 'figure');
        }
        report('error', image.start, figure.message);
        return table.add(`<span class="deck-error" role="alert"><strong>${escapeHtml(at(image.start))}</strong>: ${escapeHtml(figure.message)}</span>`, 'figure');
      });
    }
    const demoStarts = new Set<number>();
    for (const fence of findDemoFences(text)) {
      demoStarts.add(fence.start);
      const { id, explicit, problem } = demoId(fence, chapter.file);
      if (problem) diagnostics.push({ level: 'error', file: chapter.file, line: problem.line, message: problem.message });
      const params = fence.body.replace(/^\s*(id|challenge)\s*:.*$/gm, '').trim();
      const earlier = ids.get(id);
      // Two fences share a demo's state only when both name the same id on purpose, for the same demo and parameters.
      if (earlier && !(earlier.explicit && explicit && earlier.name === fence.name && earlier.params === params)) {
        diagnostics.push({
          level: 'error',
          file: chapter.file,
          line: fence.line,
          message: `demo id "${id}" is already used at ${earlier.where}; give one of them its own "id:" line (the same id on both shares one demo only for the same demo and parameters)`,
        });
      }
      if (!earlier) ids.set(id, { where: `${chapter.file}:${fence.line}`, name: fence.name, explicit, params });
      plan(fence.start, fence.end, 'text', () => {
        const placement = demoPlacement(fence, chapter.file, demos, id);
        // A bad demo shows its error box on its slide; the rest of the deck builds and runs.
        for (const p of placement.problems) diagnostics.push({ level: 'warning', file: chapter.file, line: p.line, message: p.message });
        return table.add(placement.html, 'demo');
      });
    }
    for (const fence of findExerciseFences(text)) {
      demoStarts.add(fence.start);
      const { exercise, problems } = parseExercise(fence);
      for (const p of problems) diagnostics.push({ level: 'error', file: chapter.file, line: p.line, message: p.message });
      if (!exercise) continue;
      const earlier = exerciseIds.get(exercise.id);
      if (earlier) {
        diagnostics.push({ level: 'error', file: chapter.file, line: fence.line, message: `exercise id "${exercise.id}" is already used at ${earlier}; results are kept by id, so each exercise needs its own` });
        continue;
      }
      exerciseIds.set(exercise.id, at(fence.start));
      plan(fence.start, fence.end, 'text', () => table.add(exerciseHtml(exercise, at(fence.start)), 'exercise'));
    }
    for (const open of unclosedFences(masked, demoStarts)) {
      const kind = open.lang.startsWith('demo:') ? 'demo' : open.lang === 'exercise' ? 'exercise' : 'code';
      // A lost demo or exercise leaves nothing on its slide; a lost code block still shows its text.
      report(kind === 'code' ? 'warning' : 'error', open.offset, `this ${kind} fence is never closed on its slide: remark shows it and the lines after it as text; end it with a line of ${open.marker} (a fence cannot span a "---" slide break)`);
    }
    for (const block of findCodeFences(text)) {
      if (demoStarts.has(block.start) || block.lang === '' || PLAIN_LANGUAGES.has(block.lang)) continue;
      plan(block.bodyStart, block.bodyEnd, 'code-block', () => {
        const html = highlightCode(block.lang, block.body);
        if (html !== null) return table.add(html, 'code');
        report('warning', block.start, `unknown code language "${block.lang}": shown without highlighting (highlight.js knows ${knownLanguages().length} languages, e.g. python, javascript, bash)`);
        return block.body;
      });
    }
  });

  let markdown: string;
  try {
    const kept = keepWhereRemarkAgrees(source, planned);
    const replacements = kept.map((p) => ({ start: p.start, end: p.end, text: p.commit() }));
    // remark cannot show a deck without slides; say so on the one slide it gets.
    markdown = chapters.length === 0 ? EMPTY_DECK : applyReplacements(source, replacements);
    diagnostics.push(...checkOffline(markdown, chapters));
  } catch (e) {
    // remark's parser throws on what it cannot read (a macro `![:name]` it does not know); the page would too.
    markdown = source;
    diagnostics.push({ level: 'error', file: chapters[0]?.file ?? 'slides', line: 0, message: `remark cannot read the deck: ${(e as Error).message}` });
  }
  return { markdown, fragments: table.fragments, fragmentKinds: table.kinds, diagnostics, files, formulaCount, chapters: chapters.map(outlineOf) };
}

const probe = (i: number) => `\uE002${i}\uE003`;

/**
 * Renders the deck with a marker in place of each planned replacement, through remark's own
 * parser and converter, and keeps only those that land where they should: a formula or a
 * figure in page text (not in code, not in a tag's attribute), a code block's body as the
 * whole of a `<pre><code>`. Dropping one can change how the rest reads, so it repeats
 * until nothing moves.
 */
function keepWhereRemarkAgrees(source: string, planned: Planned[]): Planned[] {
  let kept = planned;
  for (let round = 0; round < 4; round++) {
    const markdown = applyReplacements(source, kept.map((p, i) => ({ start: p.start, end: p.end, text: probe(i) })));
    const html = renderLikeRemark(markdown)
      .map((s) => `${s.html}\n${s.notesHtml}`)
      .join('\n');
    const next = kept.filter((p, i) => {
      const placement = placementOf(html, probe(i));
      return p.expect === 'code-block' ? placement === 'code-block' : placement === 'text';
    });
    if (next.length === kept.length) return kept;
    kept = next;
  }
  return kept;
}

const FENCE_LINE = /^ {0,3}(`{3,}|~{3,})[ \t]*([^\s`]*)[^\n]*$/gm;

/**
 * Fence lines remark does not read as a fence: a fence needs its closing line on the same
 * slide, and an unclosed one is shown as text. In `masked` (maskCodeAndTags) closed fences,
 * inline code, raw `<pre>` and comments are hidden, so what is left is an opening line with
 * no end (an empty demo fence, which remark does not read as a fence either, is the build's own).
 */
function unclosedFences(masked: string, demoStarts: ReadonlySet<number>): { offset: number; marker: string; lang: string }[] {
  const lines = [...masked.matchAll(FENCE_LINE)].filter((m) => !demoStarts.has(m.index));
  const out: { offset: number; marker: string; lang: string }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = lines[i]!;
    const next = lines[i + 1];
    // An empty fence (its closing line right after it) is no fence to remark either, but hides nothing.
    if (next && next.index === m.index + m[0].length + 1 && next[1] === m[1] && next[2] === '') {
      i++;
      continue;
    }
    out.push({ offset: m.index, marker: m[1]!, lang: m[2] ?? '' });
  }
  return out;
}

const HTML_IMG = /<img\b[^>]*>/gi;
const CSS_URL = /url\(\s*['"]?([^'")\s]*)/gi;
/** Elements that load what their attribute names (<a href> only links, and is fine). */
const HTML_RESOURCE = /<(img|iframe|frame|embed|object|video|audio|source|track|script|link|input|image|use)\b[^>]*?\s(src|data|href|poster|xlink:href)\s*=\s*["']?([^"'\s>]*)/gi;
const HTML_SCRIPT = /<script\b/gi;
const HTML_HANDLER = /<[a-z][^<>]*?\s(on[a-z]+)\s*=/gi;
const HTML_JS_URL = /\s[\w:-]+\s*=\s*["']?\s*(javascript:)/gi;

/**
 * The offline rule for images written as HTML or CSS, checked on the deck as remark will
 * render it: a raw `<img>` or a CSS `url()` is never inlined by the build, so the page
 * would fetch it at run time.
 */
function checkOffline(markdown: string, chapters: ChapterSource[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  // The rendered HTML has lost its offsets; the first chapter holding the text names the place.
  const locate = (needle: string): { file: string; line: number } => {
    for (const c of chapters) {
      const i = c.text.indexOf(needle);
      if (i >= 0) return { file: c.file, line: lineAt(c.text, i) };
    }
    return { file: chapters[0]?.file ?? 'slides', line: 0 };
  };
  for (const slide of renderLikeRemark(markdown)) {
    const html = `${slide.html}\n${slide.notesHtml}`;
    for (const m of html.matchAll(HTML_IMG)) {
      const src = /\bsrc\s*=\s*["']?([^"'\s>]*)/i.exec(m[0])?.[1] ?? '';
      const where = locate(src || '<img');
      const message = isExternal(src)
        ? `<img src="${src}"> points outside the build; draw it as a local SVG and use ![alt](figures/name.svg)`
        : `<img src="${src}"> is not part of the build; write ![alt](figures/name.svg) so the figure is inlined`;
      diagnostics.push({ level: 'error', ...where, message });
    }
    for (const m of html.matchAll(HTML_RESOURCE)) {
      const [, tag = '', attr = '', src = ''] = m;
      if (tag.toLowerCase() === 'img' || src.startsWith('data:') || src.startsWith('#')) continue;
      const shown = `<${tag.toLowerCase()} ${attr.toLowerCase()}="${src}">`;
      const message = isExternal(src)
        ? `${shown} points outside the build: nothing is fetched at run time`
        : `${shown} is not part of the build: the build inlines only SVG figures (![alt](figures/name.svg))`;
      diagnostics.push({ level: 'error', ...locate(src || `<${tag}`), message });
    }
    for (const m of html.matchAll(HTML_SCRIPT)) {
      diagnostics.push({ level: 'error', ...locate(m[0]), message: '<script> in a slide: slides carry no code (remark inserts them as HTML, where a script never runs); write a demo (```demo:<name>) for anything live' });
    }
    for (const m of html.matchAll(HTML_HANDLER)) {
      diagnostics.push({ level: 'error', ...locate(m[1]!), message: `${m[1]!.toLowerCase()}= in slide HTML: slides carry no code, and inline event handlers are script; write a demo for anything interactive` });
    }
    for (const m of html.matchAll(HTML_JS_URL)) {
      diagnostics.push({ level: 'error', ...locate(m[1]!), message: 'a javascript: URL in slide HTML: slides carry no code; link to a slide (#12) or a page instead' });
    }
    const background = slide.properties['background-image'] ?? '';
    for (const m of [...html.matchAll(CSS_URL), ...background.matchAll(CSS_URL)]) {
      const url = m[1] ?? '';
      if (url.startsWith('data:') || url.startsWith('#')) continue;
      diagnostics.push({ level: 'error', ...locate(url || 'url('), message: `CSS url(${url}) ${isExternal(url) ? 'points outside the build' : 'is not part of the build'}: the page would fetch it at run time; draw it as a local SVG figure` });
    }
  }
  return diagnostics;
}

function applyReplacements(text: string, replacements: Replacement[]): string {
  const sorted = [...replacements].sort((a, b) => a.start - b.start);
  let out = '';
  let cursor = 0;
  for (const r of sorted) {
    if (r.start < cursor) continue;
    out += text.slice(cursor, r.start) + r.text;
    cursor = r.end;
  }
  return out + text.slice(cursor);
}

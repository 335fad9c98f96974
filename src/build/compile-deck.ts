import { fragmentToken } from '../deck/fragments.ts';
import { findMath } from '../math/find-math.ts';
import { mathErrorHtml, renderMath, escapeHtml } from '../math/render-math.ts';
import type { ChapterSource } from './deck-sources.ts';
import { lineAt, type Diagnostic } from './diagnostics.ts';
import { findHtmlImages, findImages, isExternal, loadFigure } from './figures.ts';
import { demoId, demoPlacement, findDemoFences } from './demo-fences.ts';
import { maskCode } from './mask-code.ts';
import type { DemoSpec } from '../widgets/contract.ts';
import { checkProperties, splitSlides } from './slide-properties.ts';

/** The deck as the page receives it: remark Markdown with fragment tokens, and the fragments' HTML. */
export interface CompiledDeck {
  markdown: string;
  fragments: string[];
  diagnostics: Diagnostic[];
  /** Every file the deck was built from (chapters and figures), for the dev server to watch. */
  files: string[];
  formulaCount: number;
}

interface Replacement {
  start: number;
  end: number;
  text: string;
}

class FragmentTable {
  readonly fragments: string[] = [];
  private readonly index = new Map<string, number>();
  add(html: string): string {
    let i = this.index.get(html);
    if (i === undefined) {
      i = this.fragments.push(html) - 1;
      this.index.set(html, i);
    }
    return fragmentToken(i);
  }
}

/** Chapters are joined with a slide separator, so each file starts on a new slide. */
export const CHAPTER_SEPARATOR = '\n---\n';

export function compileDeck(
  chapters: ChapterSource[],
  sourceDiagnostics: Diagnostic[] = [],
  demos: ReadonlyMap<string, DemoSpec> = new Map(),
): CompiledDeck {
  const table = new FragmentTable();
  const diagnostics = [...sourceDiagnostics];
  const files = chapters.map((c) => c.path);
  let formulaCount = 0;
  const ids = new Map<string, { where: string; name: string; explicit: boolean; params: string }>();
  const masked = chapters.map((c) => maskCode(c.text));
  diagnostics.push(...checkProperties(chapters.map((c, i) => ({ file: c.file, slides: splitSlides(masked[i]!) }))));

  const parts = chapters.map((chapter, ci) => {
    const text = chapter.text;
    const m = masked[ci]!;
    const replacements: Replacement[] = [];
    const at = (offset: number) => `${chapter.file}:${lineAt(text, offset)}`;

    const math = findMath(m);
    for (const p of math.problems) {
      diagnostics.push({ level: 'error', file: chapter.file, line: lineAt(text, p.offset), message: p.message });
    }
    for (const span of math.spans) {
      formulaCount++;
      const tex = text.slice(span.start + (span.display ? 2 : 1), span.end - (span.display ? 2 : 1));
      const result = renderMath(tex, span.display);
      let html: string;
      if (result.ok) {
        html = result.html;
      } else {
        diagnostics.push({
          level: 'error',
          file: chapter.file,
          line: lineAt(text, span.start),
          message: `KaTeX cannot render ${span.display ? '$$' : '$'}${result.tex}${span.display ? '$$' : '$'}: ${result.message}`,
        });
        html = mathErrorHtml(at(span.start), result.message, result.tex);
      }
      replacements.push({ start: span.start, end: span.end, text: table.add(html) });
    }
    for (const e of math.escapedDollars) replacements.push({ start: e.offset, end: e.offset + 2, text: '$' });

    for (const image of findImages(m)) {
      const figure = loadFigure(chapter.path, image.src, image.alt);
      if (figure.ok) {
        files.push(figure.path);
        replacements.push({ start: image.start, end: image.end, text: table.add(figure.html) });
      } else {
        diagnostics.push({ level: 'error', file: chapter.file, line: lineAt(text, image.start), message: figure.message });
        replacements.push({
          start: image.start,
          end: image.end,
          text: table.add(`<span class="deck-error" role="alert"><strong>${escapeHtml(at(image.start))}</strong>: ${escapeHtml(figure.message)}</span>`),
        });
      }
    }
    for (const img of findHtmlImages(m)) {
      if (isExternal(img.src)) {
        diagnostics.push({
          level: 'error',
          file: chapter.file,
          line: lineAt(text, img.offset),
          message: `<img src="${img.src}"> points outside the build; draw it as a local SVG and use ![alt](figures/name.svg)`,
        });
      }
    }
    for (const fence of findDemoFences(text)) {
      const { id, explicit, problem } = demoId(fence, chapter.file);
      if (problem) diagnostics.push({ level: 'error', file: chapter.file, line: problem.line, message: problem.message });
      const where = `${chapter.file}:${fence.line}`;
      const params = fence.body.replace(/^\s*id\s*:.*$/m, '').trim();
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
      if (!earlier) ids.set(id, { where, name: fence.name, explicit, params });
      const placement = demoPlacement(fence, chapter.file, demos, id);
      // A bad demo shows its error box on its slide; the rest of the deck builds and runs.
      for (const p of placement.problems) diagnostics.push({ level: 'warning', file: chapter.file, line: p.line, message: p.message });
      replacements.push({ start: fence.start, end: fence.end, text: table.add(placement.html) });
    }
    return applyReplacements(text, replacements);
  });

  return { markdown: parts.join(CHAPTER_SEPARATOR), fragments: table.fragments, diagnostics, files, formulaCount };
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

import { escapeHtml } from '../math/render-math.ts';
import type { DemoSpec } from '../widgets/contract.ts';
import { parseParamLines, validateParams } from '../widgets/schema.ts';
import { lineAt } from './diagnostics.ts';
import { scanSlides } from './remark-scanner.ts';

/** A ```demo:<name> fence in a chapter: where a live widget goes. Offsets cover the whole fence. */
export interface DemoFence {
  start: number;
  end: number;
  name: string;
  body: string;
  /** 1-based line of the opening fence. */
  line: number;
  bodyLine: number;
  /** The `name:` property of the slide the fence is on, if it has one. */
  slideName?: string;
}

/** An empty demo fence (a demo with default parameters): no fence to remark, whose fences need a body, so it is looked for in the text. */
const EMPTY = /(^|\n)( *(`{3,}|~{3,}) *demo:([A-Za-z0-9_-]*)[ \t]*\n *\3[ \t]*)(?=\n|$)/g;
const OPEN = /^ *(`{3,}|~{3,}) *demo:([A-Za-z0-9_-]*)[ \t]*\n/;
const CLOSE = /\n?[ \t]*(`{3,}|~{3,})[ \t]*\n*$/;

/** The demo fences of a chapter: the fenced blocks remark's lexer finds whose language is `demo:<name>`. */
export function findDemoFences(text: string): DemoFence[] {
  const fences: DemoFence[] = [];
  for (const slide of scanSlides(text)) {
    const slideName = slide.properties.get('name')?.value;
    const add = (found: DemoFence) => fences.push(slideName ? { ...found, slideName } : found);
    const fenceTokens = slide.tokens.filter((t) => t.type === 'fences');
    for (const m of text.slice(slide.start, slide.end).matchAll(EMPTY)) {
      const start = slide.start + m.index + m[1]!.length;
      if (fenceTokens.some((t) => t.start <= start && start < t.end)) continue;
      const line = lineAt(text, start);
      add({ start, end: start + m[2]!.length, name: m[4]!, body: '', line, bodyLine: line + 1 });
    }
    for (const t of slide.tokens) {
      if (t.type !== 'fences') continue;
      // remark's fence token starts with the newline before the fence and ends with the blank lines after it.
      const lead = /^\n?/.exec(t.text)![0].length;
      const fence = t.text.slice(lead);
      const open = OPEN.exec(fence);
      if (!open) continue;
      const start = t.start + lead;
      const close = CLOSE.exec(fence)!;
      const bodyStart = start + open[0].length;
      const end = start + close.index + close[0].replace(/\n*$/, '').length;
      const line = lineAt(text, start);
      add({
        start,
        end,
        name: open[2]!,
        body: text.slice(bodyStart, Math.max(bodyStart, start + close.index)),
        line,
        bodyLine: line + 1,
      });
    }
  }
  return fences.sort((a, b) => a.start - b.start);
}

/** Ids are what bookmarks, kept state and the clone key on: letters, digits, `-`, `_`, `.`. */
const ID_PATTERN = /^[A-Za-z0-9][\w.-]{0,63}$/;

/**
 * A fence's id: its `id:` line, else the slide's `name:` and the demo's name, else the
 * chapter's file name and the demo's name. A default id never depends on line numbers,
 * so adding a line above a demo keeps its bookmarks and its kept state.
 */
export function demoId(fence: DemoFence, file: string): { id: string; explicit: boolean; problem?: { line: number; message: string } } {
  const entry = parseParamLines(fence.body).entries.find((e) => e.key === 'id');
  if (entry) {
    const id = entry.raw.replace(/^"(.*)"$/, '$1');
    const line = fence.bodyLine + entry.line - 1;
    if (!ID_PATTERN.test(id)) return { id, explicit: true, problem: { line, message: `demo id "${id}" must be 1 to 64 letters, digits, "-", "_" or "."` } };
    return { id, explicit: true };
  }
  const stem = (file.split('/').pop() ?? file).replace(/\.md$/, '');
  return { id: `${fence.slideName ?? stem}-${fence.name}`.replace(/[^\w.-]+/g, '-'), explicit: false };
}

export interface DemoPlacement {
  html: string;
  problems: { line: number; message: string }[];
}

/**
 * The HTML a demo fence becomes: a host the runtime mounts into, carrying the validated
 * parameters and where it came from. Where scripts are off it reads as the demo's summary.
 * A span (display: block) because remark wraps the fence's place in a paragraph.
 */
export function demoPlacement(fence: DemoFence, file: string, manifests: ReadonlyMap<string, DemoSpec>, id = demoId(fence, file).id): DemoPlacement {
  const origin = `${file}:${fence.line}`;
  const manifest = manifests.get(fence.name);
  if (!manifest) {
    const known = [...manifests.keys()].sort().join(', ') || 'none';
    const message = fence.name ? `unknown demo "${fence.name}" (known: ${known})` : 'demo fence without a name: write ```demo:<name>';
    return { html: errorBox(origin, message), problems: [{ line: fence.line, message }] };
  }
  const { values, problems } = validateParams(manifest, fence.body);
  const challenges = challengesOf(fence, manifest, problems);
  if (problems.length > 0) {
    const located = problems.map((p) => ({ line: p.line > 0 ? fence.bodyLine + p.line - 1 : fence.line, message: p.message }));
    return { html: errorBox(origin, located.map((p) => `line ${p.line}: ${p.message}`).join('\n')), problems: located };
  }
  const attrs = [
    `class="demo-host"`,
    `data-demo="${escapeHtml(manifest.name)}"`,
    `data-demo-id="${escapeHtml(id)}"`,
    `data-demo-origin="${escapeHtml(origin)}"`,
    `data-demo-params="${escapeHtml(JSON.stringify(values))}"`,
    ...(challenges.length > 0 ? [`data-demo-challenge="${escapeHtml(challenges.join(','))}"`] : []),
    `style="height:${manifest.height}px"`,
  ].join(' ');
  return {
    html: `<span ${attrs}><span class="demo-placeholder" style="height:${manifest.height}px">Live demo: ${escapeHtml(manifest.title)}. ${escapeHtml(manifest.summary)}</span></span>`,
    problems: [],
  };
}

/** The fence's `challenge:` line: ids of the demo's challenges to show with it, comma-separated. */
function challengesOf(fence: DemoFence, manifest: DemoSpec, problems: { line: number; message: string }[]): string[] {
  const entry = parseParamLines(fence.body).entries.find((e) => e.key === 'challenge');
  if (!entry) return [];
  const known = Object.keys(manifest.challenges ?? {});
  const ids = entry.raw.split(',').map((s) => s.trim()).filter(Boolean);
  for (const id of ids) {
    if (!known.includes(id)) problems.push({ line: entry.line, message: `unknown challenge "${id}" for demo "${manifest.name}" (known: ${known.join(', ') || 'none'})` });
  }
  if (ids.length === 0) problems.push({ line: entry.line, message: 'write "challenge: <id>" with the id of one of the demo\'s challenges' });
  return ids;
}

function errorBox(origin: string, message: string): string {
  return `<span class="deck-error demo-error" role="alert"><strong>${escapeHtml(origin)}</strong>: ${escapeHtml(message)}</span>`;
}

import { escapeHtml } from '../math/render-math.ts';
import type { DemoSpec } from '../widgets/contract.ts';
import { parseParamLines, validateParams } from '../widgets/schema.ts';

/** A ```demo:<name> fence in a chapter: where a live widget goes. Offsets cover the whole fence. */
export interface DemoFence {
  start: number;
  end: number;
  name: string;
  body: string;
  /** 1-based line of the opening fence. */
  line: number;
  bodyLine: number;
  /** The `name:` property of the slide holding the fence, if it has one. */
  slideName?: string;
}

const OPEN = /^ {0,3}(`{3,}|~{3,})demo:([A-Za-z0-9_-]*)[ \t]*$/;

export function findDemoFences(text: string): DemoFence[] {
  const fences: DemoFence[] = [];
  const lines = text.split('\n');
  let offset = 0;
  let open: { marker: string; name: string; start: number; line: number; bodyStart: number } | null = null;
  lines.forEach((line, i) => {
    const lineEnd = offset + line.length;
    if (open === null) {
      const m = OPEN.exec(line);
      if (m) open = { marker: m[1]!, name: m[2]!, start: offset, line: i + 1, bodyStart: lineEnd + 1 };
    } else {
      const t = line.trim();
      if (t.length >= open.marker.length && t === open.marker[0]!.repeat(t.length)) {
        fences.push({
          start: open.start,
          end: lineEnd,
          name: open.name,
          body: text.slice(open.bodyStart, Math.max(open.bodyStart, offset - 1)),
          line: open.line,
          bodyLine: open.line + 1,
          slideName: slideNameAt(lines, open.line - 1),
        });
        open = null;
      }
    }
    offset = lineEnd + 1;
  });
  return fences;
}

/** The `name:` property at the top of the slide that holds line `index` (0-based), read back to the slide's `---`. */
function slideNameAt(lines: string[], index: number): string | undefined {
  let top = index;
  while (top > 0 && !/^---\s*$/.test(lines[top - 1]!)) top--;
  for (let i = top; i < index; i++) {
    const m = /^([a-z-]+)\s*:\s*(.*?)\s*$/.exec(lines[i]!);
    if (!m) return undefined;
    if (m[1] === 'name') return m[2];
  }
  return undefined;
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
    `style="height:${manifest.height}px"`,
  ].join(' ');
  return {
    html: `<span ${attrs}><span class="demo-placeholder" style="height:${manifest.height}px">Live demo: ${escapeHtml(manifest.title)}. ${escapeHtml(manifest.summary)}</span></span>`,
    problems: [],
  };
}

function errorBox(origin: string, message: string): string {
  return `<span class="deck-error demo-error" role="alert"><strong>${escapeHtml(origin)}</strong>: ${escapeHtml(message)}</span>`;
}

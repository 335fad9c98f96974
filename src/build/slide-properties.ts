import type { Diagnostic } from './diagnostics.ts';

/** One slide of a chapter file as remark will split it. `line` is 1-based. */
export interface SlideChunk {
  line: number;
  text: string;
  properties: Map<string, { value: string; line: number }>;
}

const SEPARATOR = /^(---?)[ \t]*$/;
const PROPERTY = /^([-\w]+):([^$\n]*)$/;

/** Splits masked chapter text on remark's `---`/`--` separators and reads each slide's leading properties. */
export function splitSlides(masked: string): SlideChunk[] {
  const lines = masked.split('\n');
  const slides: SlideChunk[] = [];
  let start = 0;
  const flush = (end: number) => {
    const body = lines.slice(start, end);
    const properties = new Map<string, { value: string; line: number }>();
    let k = 0;
    while (k < body.length && body[k]!.trim() === '') k++;
    for (; k < body.length; k++) {
      const m = PROPERTY.exec(body[k]!);
      if (!m) break;
      properties.set(m[1]!, { value: m[2]!.trim(), line: start + k + 1 });
    }
    slides.push({ line: start + 1, text: body.join('\n'), properties });
  };
  lines.forEach((line, i) => {
    if (SEPARATOR.test(line)) {
      flush(i);
      start = i + 1;
    }
  });
  flush(lines.length);
  return slides;
}

const LAYOUT_VALUES = new Set(['true', 'false']);
const BOOLEAN_PROPERTIES = new Set(['count', 'exclude']);

/**
 * remark silently ignores a template it cannot find and treats any layout value it does
 * not know as "no layout"; both hide typos, so they are errors here.
 */
export function checkProperties(chapters: { file: string; slides: SlideChunk[] }[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const names = new Set<string>();
  for (const chapter of chapters) {
    for (const slide of chapter.slides) {
      const template = slide.properties.get('template');
      if (template && !names.has(template.value)) {
        const known = [...names].sort().join(', ') || 'none yet';
        diagnostics.push({
          level: 'error',
          file: chapter.file,
          line: template.line,
          message: `unknown template "${template.value}": no earlier slide has "name: ${template.value}" (known: ${known})`,
        });
      }
      const layout = slide.properties.get('layout');
      if (layout && !LAYOUT_VALUES.has(layout.value)) {
        diagnostics.push({
          level: 'error',
          file: chapter.file,
          line: layout.line,
          message: `unknown layout "${layout.value}": layout is "true" (this slide becomes the layout of the slides after it) or "false" (stop using one)`,
        });
      }
      for (const key of BOOLEAN_PROPERTIES) {
        const p = slide.properties.get(key);
        if (p && !LAYOUT_VALUES.has(p.value.toLowerCase())) {
          diagnostics.push({ level: 'error', file: chapter.file, line: p.line, message: `${key} must be true or false, not "${p.value}"` });
        }
      }
      const name = slide.properties.get('name');
      if (name) names.add(name.value);
    }
  }
  return diagnostics;
}

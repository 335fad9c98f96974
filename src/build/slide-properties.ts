import { lineAt, type Diagnostic } from './diagnostics.ts';
import { scanSlides } from './remark-scanner.ts';

/** One slide of a chapter file as remark will split it. `line` is 1-based. */
export interface SlideChunk {
  line: number;
  text: string;
  properties: Map<string, { value: string; line: number }>;
}

/** Splits chapter text into remark's slides (see remark-scanner.ts) with each slide's properties and their lines. */
export function splitSlides(text: string): SlideChunk[] {
  return scanSlides(text).map((slide) => {
    const properties = new Map<string, { value: string; line: number }>();
    for (const [key, p] of slide.properties) properties.set(key, { value: p.value, line: lineAt(text, p.offset) });
    return { line: lineAt(text, slide.start), text: text.slice(slide.start, slide.end), properties };
  });
}

const LAYOUT_VALUES = new Set(['true', 'false']);
const BOOLEAN_PROPERTIES = new Set(['count', 'exclude']);

/**
 * remark silently ignores a template it cannot find, treats any layout value it does not
 * know as "no layout" and jumps to the first of two slides with one name; all hide typos,
 * so they are errors here.
 */
export function checkProperties(chapters: { file: string; slides: SlideChunk[] }[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const names = new Set<string>();
  const firstUse = new Map<string, string>();
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
      if (name) {
        const first = firstUse.get(name.value);
        if (first) {
          diagnostics.push({
            level: 'error',
            file: chapter.file,
            line: name.line,
            message: `slide name "${name.value}" is used twice (first at ${first}): links and templates would reach only the first`,
          });
        } else {
          firstUse.set(name.value, `${chapter.file}:${name.line}`);
        }
        names.add(name.value);
      }
    }
  }
  return diagnostics;
}

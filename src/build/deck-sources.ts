import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { decodeUtf8 } from './decode-utf8.ts';
import type { Diagnostic } from './diagnostics.ts';

/** One chapter file, `file` relative to the project root (as error messages show it). */
export interface ChapterSource {
  file: string;
  path: string;
  text: string;
}

export const ORDER_FILE = 'order.txt';

/** Reads the chapter order (one file name a line, `#` comments) and the chapter files it names. */
export function readDeckSources(root: string, slidesDir = 'slides'): { chapters: ChapterSource[]; diagnostics: Diagnostic[] } {
  const dir = resolve(root, slidesDir);
  const label = relative(root, dir).split('\\').join('/') || '.';
  const orderFile = `${label}/${ORDER_FILE}`;
  const diagnostics: Diagnostic[] = [];
  const chapters: ChapterSource[] = [];
  if (!existsSync(join(dir, ORDER_FILE))) {
    diagnostics.push({ level: 'error', file: orderFile, line: 0, message: 'missing: list the chapter files here, one a line, in lecture order' });
    return { chapters, diagnostics };
  }
  const listed = new Set<string>();
  readFileSync(join(dir, ORDER_FILE), 'utf8')
    .replace(/^\uFEFF/, '')
    .split('\n')
    .forEach((raw, i) => {
      const name = raw.replace(/#.*/, '').trim();
      if (!name) return;
      const line = i + 1;
      if (listed.has(name)) {
        diagnostics.push({ level: 'error', file: orderFile, line, message: `"${name}" is listed twice` });
        return;
      }
      listed.add(name);
      const path = join(dir, name);
      if (!existsSync(path)) {
        diagnostics.push({ level: 'error', file: orderFile, line, message: `"${name}" is listed but ${label}/${name} does not exist` });
        return;
      }
      if (!statSync(path).isFile()) {
        diagnostics.push({ level: 'error', file: orderFile, line, message: `"${name}" is listed but ${label}/${name} is a directory, not a slide file` });
        return;
      }
      const decoded = decodeUtf8(readFileSync(path));
      if (!decoded.ok) {
        diagnostics.push({
          level: 'error',
          file: `${label}/${name}`,
          line: decoded.line,
          message: `not UTF-8 at byte ${decoded.byteOffset}: save the file as UTF-8`,
        });
        return;
      }
      chapters.push({ file: `${label}/${name}`, path, text: decoded.text });
    });
  for (const name of readdirSync(dir).filter((f) => f.endsWith('.md')).sort()) {
    if (!listed.has(name)) {
      diagnostics.push({ level: 'warning', file: `${label}/${name}`, line: 0, message: `not in ${orderFile}, so it is not part of the deck` });
    }
  }
  if (chapters.length === 0 && !diagnostics.some((d) => d.level === 'error')) {
    diagnostics.push({ level: 'error', file: orderFile, line: 0, message: 'lists no chapter files' });
  }
  return { chapters, diagnostics };
}

import { existsSync, readFileSync } from 'node:fs';
import { dirname, extname, join, relative } from 'node:path';

/** An image reference `![alt](path)` in slide prose. */
export interface ImageSpan {
  start: number;
  end: number;
  alt: string;
  src: string;
}

const IMAGE = /!\[([^\]\n]*)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g;

export function findImages(masked: string): ImageSpan[] {
  const spans: ImageSpan[] = [];
  for (const m of masked.matchAll(IMAGE)) {
    // `![:name args](…)` is a remark macro call, not an image.
    if (m[1]?.startsWith(':')) continue;
    spans.push({ start: m.index, end: m.index + m[0].length, alt: m[1] ?? '', src: m[2] ?? '' });
  }
  return spans;
}

export function isExternal(src: string): boolean {
  return /^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(src) || /^(?:https?|ftp):/i.test(src);
}

export type FigureResult = { ok: true; html: string; path: string } | { ok: false; message: string };

/**
 * Inlines a local SVG figure into the slide. Inline SVG (rather than an <img>) lets the
 * figure use the deck's shipped fonts and colours; an <img> would fall back to system fonts.
 */
export function loadFigure(slideFile: string, src: string, alt: string): FigureResult {
  // The alt text is the figure's only text alternative (it becomes the aria-label): a screen reader has nothing else.
  if (!alt.trim()) return { ok: false, message: `figure "${src}" has no text alternative: say what it shows in ![…](${src})` };
  if (isExternal(src)) return { ok: false, message: `image "${src}" points outside the build; draw it as a local SVG` };
  if (src.startsWith('data:')) return { ok: false, message: 'inline data: images are not allowed; add an SVG file' };
  if (extname(src).toLowerCase() !== '.svg') return { ok: false, message: `image "${src}" is not an SVG figure` };
  const path = join(dirname(slideFile), src);
  if (!existsSync(path)) return { ok: false, message: `image "${src}" not found (looked for ${relative(process.cwd(), path)})` };
  const svg = readFileSync(path, 'utf8')
    .replace(/<\?xml[^>]*\?>/g, '')
    .replace(/<!DOCTYPE[^>]*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .trim();
  if (!svg.startsWith('<svg')) return { ok: false, message: `image "${src}" is not an SVG document` };
  if (/<script|\bon[a-z]+\s*=|href\s*=\s*["'](?:https?:)?\/\//i.test(svg)) {
    return { ok: false, message: `image "${src}" holds scripts or external links` };
  }
  const label = alt.replace(/"/g, '&quot;');
  const html = `<span class="deck-figure" role="img" aria-label="${label}">${svg.replace(/\s*\n\s*/g, ' ')}</span>`;
  return { ok: true, html, path };
}

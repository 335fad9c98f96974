/** Code point ranges of a CSS `unicode-range` value, e.g. "U+0000-00FF, U+4??". */
export function parseUnicodeRange(value: string): [number, number][] {
  const ranges: [number, number][] = [];
  for (const part of value.split(',')) {
    const m = /U\+([0-9a-f?]+)(?:-([0-9a-f]+))?/i.exec(part.trim());
    if (!m?.[1]) continue;
    if (m[1].includes('?')) {
      ranges.push([parseInt(m[1].replace(/\?/g, '0'), 16), parseInt(m[1].replace(/\?/g, 'f'), 16)]);
    } else {
      const lo = parseInt(m[1], 16);
      ranges.push([lo, m[2] ? parseInt(m[2], 16) : lo]);
    }
  }
  return ranges;
}

export function codePointsOf(text: string): Set<number> {
  const set = new Set<number>();
  for (const ch of text) set.add(ch.codePointAt(0)!);
  return set;
}

/**
 * Trims a @fontsource stylesheet: keeps only the woff2 source (every browser that runs
 * the deck reads it) and, when `used` is given, only the @font-face blocks whose
 * unicode-range holds a character the deck uses. Japanese and emoji fonts come in
 * about a hundred subsets; the deck needs two or three of them.
 */
export function pruneFontCss(css: string, used?: Set<number>): string {
  return css.replace(/@font-face\s*{[^}]*}/g, (block) => {
    const range = /unicode-range:\s*([^;]+);/.exec(block);
    if (used && range?.[1]) {
      const ranges = parseUnicodeRange(range[1]);
      const needed = [...used].some((cp) => ranges.some(([lo, hi]) => cp >= lo && cp <= hi));
      if (!needed) return '';
    }
    return dropLegacySources(block);
  });
}

/** Keeps only woff2 in a src list; woff and ttf copies would double what the single file inlines. */
export function dropLegacySources(css: string): string {
  return css.replace(/,\s*url\([^)]*\.(?:woff|ttf)\)\s*format\(["'](?:woff|truetype)["']\)/g, '');
}

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Themes offered through remark's `highlightStyle` option and the `highlight-style` slide property. */
export const HIGHLIGHT_THEMES = ['default', 'github', 'github-dark', 'atom-one-light', 'atom-one-dark', 'monokai'];

/** Path of the module in remark-slide that bundles highlight.js 9 with every language. */
export const REMARK_HIGHLIGHTER = /remark-slide[\\/]src[\\/]remark[\\/]highlighter\.js$/;

/**
 * Scopes a highlight.js theme under `.hljs-<name>`, the class remark puts on a slide,
 * so several themes can coexist and a slide property can pick one.
 */
export function scopeTheme(css: string, name: string): string {
  const scope = `.hljs-${name}`;
  const body = css.replace(/\/\*[\s\S]*?\*\//g, '');
  let out = '';
  for (const rule of body.split('}')) {
    const open = rule.indexOf('{');
    if (open < 0) continue;
    const selectors = rule.slice(0, open).trim();
    const declarations = rule.slice(open + 1).trim();
    if (!selectors || selectors.startsWith('@')) continue;
    const scoped = selectors
      .split(',')
      .map((s) => `${scope} ${s.trim()}`)
      .join(',');
    out += `${scoped}{${declarations}}`;
  }
  return out;
}

/**
 * CommonJS source that stands in for remark's highlighter module. Code is highlighted at
 * build time (highlight-code.ts), so the page keeps only the themes' CSS, which remark's
 * styler injects, and a `highlightBlock` that only adds the class the themes style.
 */
export function highlighterModuleSource(): string {
  const require = createRequire(import.meta.url);
  const styles: Record<string, string> = {};
  for (const theme of HIGHLIGHT_THEMES) {
    styles[theme] = scopeTheme(readFileSync(require.resolve(`highlight.js/styles/${theme}.css`), 'utf8'), theme);
  }
  return `module.exports = { styles: ${JSON.stringify(styles)}, engine: { highlightBlock: function (block) { block.classList.add('hljs'); } } };\n`;
}

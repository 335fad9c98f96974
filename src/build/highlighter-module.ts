import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** The languages the lecture's code uses; every other highlight.js grammar stays out of the bundle. */
export const HIGHLIGHT_LANGUAGES = ['python', 'javascript', 'typescript', 'bash', 'shell', 'json', 'xml', 'markdown', 'plaintext'];

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
 * CommonJS source that stands in for remark's highlighter module: current highlight.js
 * core with only HIGHLIGHT_LANGUAGES, and the same `{ styles, engine.highlightBlock }`
 * surface remark calls.
 */
export function highlighterModuleSource(): string {
  const require = createRequire(import.meta.url);
  const styles: Record<string, string> = {};
  for (const theme of HIGHLIGHT_THEMES) {
    styles[theme] = scopeTheme(readFileSync(require.resolve(`highlight.js/styles/${theme}.css`), 'utf8'), theme);
  }
  const registrations = HIGHLIGHT_LANGUAGES.map(
    (lang) => `hljs.registerLanguage(${JSON.stringify(lang)}, require(${JSON.stringify(`highlight.js/lib/languages/${lang}`)}));`,
  ).join('\n');
  return `var hljs = require('highlight.js/lib/core');
${registrations}
hljs.configure({ ignoreUnescapedHTML: true, throwUnescapedHTML: false });
function highlightBlock(block) {
  var lang = (block.className || '').split(/\\s+/).filter(function (c) { return c && hljs.getLanguage(c); })[0];
  if (!lang) return;
  var result = hljs.highlight(block.textContent || '', { language: lang, ignoreIllegals: true });
  block.innerHTML = result.value;
  block.classList.add('hljs');
}
module.exports = { styles: ${JSON.stringify(styles)}, engine: { highlightBlock: highlightBlock, hljs: hljs } };
`;
}

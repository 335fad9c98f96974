/**
 * Accepts both plain LaTeX and the escaped style written for Markdown-first
 * renderers, where Markdown would eat one backslash: `x\_t` (subscript) and
 * `\\cr` (row break). Both come out as plain LaTeX.
 *
 * In math, `\_` therefore always means a subscript; a literal underscore is
 * `\textunderscore`.
 */
export function normalizeTex(tex: string): string {
  return tex
    .replace(/\\\\cr(?![a-zA-Z])/g, '\\\\')
    .replace(/\\cr(?![a-zA-Z])/g, '\\\\')
    .replace(/\\_/g, '_')
    .replace(/\\\*/g, '*')
    .trim();
}

/**
 * Pre-rendered HTML (formulas, figures, widgets) travels through remark's Markdown
 * parser as an opaque token made of private-use characters, which the parser leaves
 * alone, and is swapped back in after conversion. This keeps `_` in a formula from
 * ever becoming emphasis.
 */
export const FRAGMENT_OPEN = '\uE000';
export const FRAGMENT_CLOSE = '\uE001';
const TOKEN = /\uE000(\d+)\uE001/g;

export function fragmentToken(index: number): string {
  return `${FRAGMENT_OPEN}${index}${FRAGMENT_CLOSE}`;
}

/** Replaces every fragment token in converted HTML by its fragment. */
export function expandFragments(html: string, fragments: readonly string[]): string {
  return html.replace(TOKEN, (token, index: string) => fragments[Number(index)] ?? token);
}

export function hasFragments(text: string): boolean {
  return text.includes(FRAGMENT_OPEN);
}

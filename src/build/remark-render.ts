import { createRequire } from 'node:module';

/**
 * remark's own parser and its bundled Markdown converter (marked 0.3.1 with remark's
 * options), run in Node at build time. The build asks them where each pre-rendered piece
 * lands in the page's HTML, so a formula in code or a fence inside raw HTML is read the
 * way the page will read it, not the way a pre-pass guesses.
 */

type Content = string | { class: string; block: boolean; content: Content[] };

export interface RemarkSlide {
  properties: Record<string, string>;
  content: Content[];
  notes?: Content[];
  links: Record<string, { href: string; title?: string }>;
}

interface Marked {
  setOptions(options: Record<string, unknown>): void;
  Lexer: { lex(src: string): unknown[] & { links?: unknown } };
  Parser: { parse(tokens: unknown): string };
}

const remarkRequire = createRequire(createRequire(import.meta.url).resolve('remark-slide/package.json'));
const Parser = remarkRequire('./src/remark/parser.js') as new () => { parse(src: string, macros?: object): RemarkSlide[] };
const marked = remarkRequire('marked') as Marked;

/** The options remark's converter (src/remark/converter.js) sets. */
const MARKED_OPTIONS = { gfm: true, tables: true, breaks: false, pedantic: true, sanitize: false, smartLists: true, langPrefix: '' };

export function parseLikeRemark(markdown: string): RemarkSlide[] {
  return new Parser().parse(markdown, {});
}

/** remark's converter without its DOM clean-up (which only drops empty paragraphs and unwraps a lone one). */
export function convertLikeRemark(content: Content[], links: RemarkSlide['links']): string {
  marked.setOptions(MARKED_OPTIONS);
  let markdown = '';
  for (const c of content) {
    if (typeof c === 'string') markdown += c;
    else {
      const tag = c.block ? 'div' : 'span';
      markdown += `<${tag} class="${c.class}">${convertLikeRemark(c.content, links)}</${tag}>`;
    }
  }
  const tokens = marked.Lexer.lex(markdown.replace(/^\s+/, ''));
  tokens.links = links;
  return marked.Parser.parse(tokens);
}

export interface RenderedSlide {
  properties: Record<string, string>;
  html: string;
  notesHtml: string;
}

/** Every slide of a deck as the page renders it: remark's slide split and properties, marked's HTML. */
export function renderLikeRemark(markdown: string): RenderedSlide[] {
  const slides = parseLikeRemark(markdown);
  const links = Object.assign({}, ...slides.map((s) => s.links)) as RemarkSlide['links'];
  return slides.map((s) => ({
    properties: s.properties,
    html: convertLikeRemark(s.content, links),
    notesHtml: s.notes ? convertLikeRemark(s.notes, links) : '',
  }));
}

/** Where a marker landed in rendered HTML. */
export type Placement = 'text' | 'code-block' | 'code' | 'attribute' | 'missing';

/**
 * Finds `marker` in HTML and says what it became: page text, the whole body of a
 * `<pre><code>` block, part of code, part of a tag (an attribute), or nothing.
 */
export function placementOf(html: string, marker: string): Placement {
  const at = html.indexOf(marker);
  if (at < 0) return 'missing';
  if (new RegExp(`<pre><code(?: class="[^"]*")?>${marker}\\n</code></pre>`).test(html)) return 'code-block';
  let inTag = false;
  let codeDepth = 0;
  let rawDepth = 0;
  for (let i = 0; i < at; i++) {
    const c = html[i];
    if (inTag) {
      if (c === '>') inTag = false;
      continue;
    }
    if (c !== '<') continue;
    const tag = /^<(\/?)(pre|code|style|script|textarea)\b/i.exec(html.slice(i, i + 12));
    if (tag) {
      const closing = tag[1] === '/';
      if (/^(pre|code)$/i.test(tag[2]!)) codeDepth += closing ? -1 : 1;
      else rawDepth += closing ? -1 : 1;
    }
    if (/^<[a-zA-Z/!?]/.test(html.slice(i, i + 2))) inTag = true;
  }
  if (inTag) return 'attribute';
  return codeDepth > 0 || rawDepth > 0 ? 'code' : 'text';
}

/**
 * For the single-file build: keeps the lazily loaded chunks (TensorFlow.js, the demos,
 * the figures, the training worker) out of the code the browser parses at start-up.
 * Each chunk is written into the page as inert text (`<script type="text/plain">`) and
 * turned into a module only when first imported: its text becomes a Blob URL, with the
 * chunks it imports resolved to their own Blob URLs first. Chromium imports Blob URL
 * modules from a file:// page (it refuses them only as module workers).
 */
import { posix } from 'node:path';
import type { Plugin } from 'vite';

/**
 * The page-side loader, prepended to the entry chunk. Chunks reach it through globalThis,
 * since a Blob module sees no other scope. A chunk that imports from the entry (which is
 * inline and has no URL) gets a small module re-exporting globalThis.__deckEntry.
 */
const loader = (entryName: string) => `const __deckChunkUrls = new Map();
const __deckBlobUrl = (code) => URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
function __deckChunkUrl(name) {
  let url = __deckChunkUrls.get(name);
  if (url === null) throw new Error('chunk ' + name + ' imports itself in a cycle');
  if (url) return url;
  if (name === ${JSON.stringify(entryName)}) {
    const names = Object.keys(globalThis.__deckEntry);
    url = __deckBlobUrl('const e = globalThis.__deckEntry;\\n' + names.map((n, i) => 'const v' + i + ' = e[' + JSON.stringify(n) + ']; export { v' + i + ' as ' + JSON.stringify(n) + ' };').join('\\n'));
    __deckChunkUrls.set(name, url);
    return url;
  }
  const el = document.querySelector('script[data-deck-chunk="' + name + '"]');
  if (!el) throw new Error('chunk ' + name + ' is missing from the page');
  __deckChunkUrls.set(name, null);
  const code = el.textContent.replace(/(["'\`])deck-chunk:([^"'\`]+)\\1/g, (_, q, dep) => JSON.stringify(__deckChunkUrl(dep)));
  url = __deckBlobUrl(code);
  __deckChunkUrls.set(name, url);
  return url;
}
globalThis.__deckChunk = (name) => import(__deckChunkUrl(name));
`;

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Chunk text inside a script element: the HTML tokenizer must not see a closing tag or a comment opener (the same escape vite-plugin-singlefile applies). */
function inertScriptText(code: string): string {
  return code.replace(/<(\/script>|!--)/g, '\\x3C$1');
}

/**
 * Replaces the entry's final `export { local as name, … }` with getters on
 * globalThis.__deckEntry (read when a chunk that needs them is first loaded, after the entry ran).
 */
function exposeExports(code: string, error: (message: string) => never): string {
  const m = /export\s*\{([^}]*)\}\s*;?\s*$/.exec(code);
  if (!m) return code;
  const getters = m[1]!.split(',').map((part) => {
    const [local, exported = local] = part.trim().split(/\s+as\s+/);
    if (!local || !exported || !/^[\w$]+$/.test(local) || !/^[\w$]+$/.test(exported)) error(`single-file build: cannot expose the entry's export "${part.trim()}"`);
    return `get ${exported}() { return ${local}; }`;
  });
  return `${code.slice(0, m.index)}globalThis.__deckEntry = { ${getters.join(', ')} };\n`;
}

export function lazyInlineChunks(): Plugin {
  return {
    name: 'deck:lazy-inline-chunks',
    apply: 'build',
    generateBundle: { order: 'post', handler(_options, bundle) {
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const entry = chunks.find((c) => c.isEntry);
      if (!entry) return;
      const lazy = chunks.filter((c) => c !== entry);
      if (entry.imports.length > 0) this.error(`single-file build: the entry chunk imports ${entry.imports.join(', ')} statically; only dynamic imports can stay inert`);
      const spec = (from: string, to: string) => {
        const rel = posix.relative(posix.dirname(from), to);
        return rel.startsWith('.') ? rel : `./${rel}`;
      };
      const rewrite = (chunk: (typeof chunks)[number]) => {
        let code = chunk.code;
        for (const dep of chunk.dynamicImports) {
          const re = new RegExp(`import\\(\\s*(["'\`])${escapeRe(spec(chunk.fileName, dep))}\\1\\s*\\)`, 'g');
          code = code.replace(re, () => `globalThis.__deckChunk(${JSON.stringify(dep)})`);
        }
        for (const dep of chunk.imports) {
          const re = new RegExp(`(["'\`])${escapeRe(spec(chunk.fileName, dep))}\\1`, 'g');
          code = code.replace(re, () => JSON.stringify(`deck-chunk:${dep}`));
        }
        return code;
      };
      const blocks: string[] = [];
      for (const chunk of lazy) {
        blocks.push(`<script type="text/plain" data-deck-chunk="${chunk.fileName}">${inertScriptText(rewrite(chunk))}</script>`);
        delete bundle[chunk.fileName];
      }
      entry.code = loader(entry.fileName) + exposeExports(rewrite(entry), (m) => this.error(m));
      const html = Object.values(bundle).find((a) => a.type === 'asset' && a.fileName.endsWith('.html'));
      if (!html || html.type !== 'asset') return;
      // A replacer function: chunk code is full of `$` sequences that a replacement string would expand.
      html.source = String(html.source).replace('</body>', () => `${blocks.join('\n')}\n</body>`);
    } },
  };
}

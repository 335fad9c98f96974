import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

/**
 * The deck's Content-Security-Policy, delivered in a <meta http-equiv> of the page (the
 * single file opened from disk has no server to send a header). Nothing the deck needs
 * comes from another origin, so no remote origin is named anywhere: a slide, a URL or a
 * message that managed to inject markup could neither run script nor send data away.
 *
 * - Scripts: the deck's own files (served) or its inline entry by hash (single file), never
 *   'unsafe-inline' or 'unsafe-eval'. 'wasm-unsafe-eval' lets the TensorFlow.js wasm backend
 *   compile its binary; it does not allow eval of JavaScript.
 * - The single file's lazy chunks are imported from blob: URLs the entry makes from inert
 *   <script type="text/plain"> blocks (lazy-inline-chunks.ts), and its training worker starts
 *   from a blob: URL (spawn-inline.ts). Only script already running in the page can create a
 *   blob: URL, so allowing blob: admits nothing an injected tag could bring.
 * - Styles keep 'unsafe-inline': KaTeX's pre-rendered formulas and the demos' placeholders
 *   carry per-element style attributes (hundreds of distinct values), remark writes its
 *   stylesheet into a <style> element at start-up, and the dev server injects CSS the same
 *   way. CSS cannot run script, and with no remote origin in img-src, font-src or connect-src
 *   an injected style has nowhere to send anything.
 * - connect-src: the wasm backend fetches its binary (a file beside the page when served, a
 *   data: URL in the single file); the dev server's live reload is a same-origin WebSocket.
 */
export type Directives = Record<string, readonly string[]>;

/** The served build (and the dev server and `vite preview`): everything from the page's own origin. */
export function servedPolicy(): Directives {
  return {
    'default-src': ["'none'"],
    'script-src': ["'self'", "'wasm-unsafe-eval'"],
    'worker-src': ["'self'"],
    'connect-src': ["'self'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:'],
    'font-src': ["'self'", 'data:'],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
  };
}

/**
 * The single file: no file besides itself is ever loaded (a file:// page's 'self' would
 * name every file on the disk, so it is not used). `scriptHashes` are the CSP sources of
 * its inline scripts, e.g. `'sha256-…'`.
 */
export function singleFilePolicy(scriptHashes: readonly string[]): Directives {
  if (scriptHashes.length === 0) throw new Error('single-file policy: the page has no inline script to allow');
  return {
    'default-src': ["'none'"],
    'script-src': [...scriptHashes, 'blob:', "'wasm-unsafe-eval'"],
    'worker-src': ['blob:'],
    'connect-src': ['data:'],
    'style-src': ["'unsafe-inline'"],
    'img-src': ['data:'],
    'font-src': ['data:'],
    'base-uri': ["'none'"],
    'form-action': ["'none'"],
  };
}

export function formatPolicy(directives: Directives): string {
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** Script types a browser runs; any other type (the lazy chunks' text/plain) is an inert data block that CSP does not look at. */
const EXECUTABLE_TYPE = /^(|module|text\/javascript|application\/javascript)$/i;

/**
 * The CSP hash sources of every inline script the page runs, over the text exactly as the
 * HTML parser hands it over (the parser turns CR LF and lone CR into LF first).
 */
export function inlineScriptHashes(html: string): string[] {
  const hashes: string[] = [];
  for (const m of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script\s*>/gi)) {
    const attrs = m[1] ?? '';
    if (/\ssrc\s*=/i.test(attrs)) continue;
    const type = /\stype\s*=\s*["']?([^"'\s>]*)/i.exec(attrs)?.[1] ?? '';
    if (!EXECUTABLE_TYPE.test(type)) continue;
    const text = (m[2] ?? '').replace(/\r\n?/g, '\n');
    hashes.push(`'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`);
  }
  return [...new Set(hashes)];
}

/**
 * Puts the policy first in <head>, right after the charset declaration: a meta policy only
 * governs what the parser meets after it, so it must come before every script, style and link.
 */
export function insertPolicyMeta(html: string, policy: string): string {
  if (/http-equiv\s*=\s*["']?content-security-policy/i.test(html)) throw new Error('index.html already declares a Content-Security-Policy; the build writes it');
  const meta = `<meta http-equiv="Content-Security-Policy" content="${policy.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}" />`;
  const charset = /<meta\s+charset\s*=\s*["']?[\w-]+["']?\s*\/?>/i.exec(html);
  if (charset) return `${html.slice(0, charset.index + charset[0].length)}\n    ${meta}${html.slice(charset.index + charset[0].length)}`;
  const head = /<head[^>]*>/i.exec(html);
  if (!head) throw new Error('index.html has no <head> for the Content-Security-Policy');
  return `${html.slice(0, head.index + head[0].length)}\n    ${meta}${html.slice(head.index + head[0].length)}`;
}

/**
 * Writes the policy into the page. Served build and dev server: when the HTML is
 * transformed. Single file: at the very end of the bundle step, once every script has been
 * inlined (this plugin must come after vite-plugin-singlefile), so the hashes are of the
 * final text.
 */
export function contentSecurityPolicy(options: { single: boolean }): Plugin {
  return {
    name: 'deck:content-security-policy',
    enforce: 'post',
    transformIndexHtml: {
      order: 'pre',
      handler(html) {
        return options.single ? html : insertPolicyMeta(html, formatPolicy(servedPolicy()));
      },
    },
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        if (!options.single) return;
        for (const asset of Object.values(bundle)) {
          if (asset.type !== 'asset' || !asset.fileName.endsWith('.html')) continue;
          const html = String(asset.source);
          try {
            asset.source = insertPolicyMeta(html, formatPolicy(singleFilePolicy(inlineScriptHashes(html))));
          } catch (e) {
            this.error(`${asset.fileName}: ${(e as Error).message}`);
          }
        }
      },
    },
  };
}

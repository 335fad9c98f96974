import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, formatPolicy, inlineScriptHashes, insertPolicyMeta, servedPolicy, singleFilePolicy, type Directives } from '../../../src/build/content-security-policy.ts';

const sha = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Every source the policy names, across all directives. */
const allSources = (d: Directives) => Object.values(d).flat();

describe("the deck's Content-Security-Policy", () => {
  for (const [name, policy] of [['served', servedPolicy()], ['single file', singleFilePolicy([sha('x')])]] as const) {
    it(`${name}: scripts without 'unsafe-inline' or 'unsafe-eval', wasm allowed, nothing remote`, () => {
      expect(policy['default-src']).toEqual(["'none'"]);
      expect(policy['script-src']).not.toContain("'unsafe-inline'");
      expect(policy['script-src']).not.toContain("'unsafe-eval'");
      expect(policy['script-src']).toContain("'wasm-unsafe-eval'");
      expect(policy['worker-src']?.length).toBeGreaterThan(0);
      // A remote origin would be a host, a scheme like https:, or a wildcard.
      for (const source of allSources(policy)) expect(source).toMatch(/^('[a-z0-9-]+'|'sha256-[A-Za-z0-9+/=]+'|data:|blob:)$/);
      expect(formatPolicy(policy)).not.toMatch(/https?:|\*/);
    });
  }

  it('the single file allows exactly the hashes it is given, and refuses to be built without one', () => {
    expect(singleFilePolicy([sha('a'), sha('b')])['script-src']).toEqual([sha('a'), sha('b'), 'blob:', "'wasm-unsafe-eval'"]);
    expect(() => singleFilePolicy([])).toThrow(/no inline script/);
  });

  it('is the policy the README states for each build', () => {
    const readme = readFileSync(join(import.meta.dirname, '../../../README.md'), 'utf8');
    expect(readme).toContain(`| \`${formatPolicy(servedPolicy())}\` |`);
    expect(readme).toContain(`| \`${formatPolicy(singleFilePolicy(["'sha256-…'"]))}\` |`);
  });

  it('formats directives as the header syntax', () => {
    expect(formatPolicy({ 'default-src': ["'none'"], 'img-src': ["'self'", 'data:'] })).toBe("default-src 'none'; img-src 'self' data:");
  });
});

describe('inlineScriptHashes', () => {
  it('hashes the scripts a browser runs and skips external scripts and inert data blocks', () => {
    const html = [
      '<script type="module" crossorigin>import.meta;</script>',
      '<script>var a = 1;</script>',
      '<script type="text/javascript">b()</script>',
      '<script type="module" src="./x.js"></script>',
      '<script type="text/plain" data-deck-chunk="c.js">not run</script>',
    ].join('\n');
    expect(inlineScriptHashes(html)).toEqual([sha('import.meta;'), sha('var a = 1;'), sha('b()')]);
  });

  it('hashes the text the parser sees: line breaks normalised to LF', () => {
    expect(inlineScriptHashes('<script>a\r\nb\rc</script>')).toEqual([sha('a\nb\nc')]);
  });

  it('lists a script repeated verbatim once', () => {
    expect(inlineScriptHashes('<script>x</script><script>x</script>')).toEqual([sha('x')]);
  });
});

describe('insertPolicyMeta', () => {
  const page = '<!doctype html><html><head>\n<meta charset="utf-8" />\n<script type="module">go()</script></head><body></body></html>';

  it('puts the policy right after the charset, before any script', () => {
    const out = insertPolicyMeta(page, "default-src 'none'");
    expect(out.indexOf('<meta http-equiv="Content-Security-Policy" content="default-src \'none\'" />')).toBeGreaterThan(out.indexOf('charset'));
    expect(out.indexOf('Content-Security-Policy')).toBeLessThan(out.indexOf('<script'));
  });

  it('falls back to the start of <head>, and escapes the attribute', () => {
    const out = insertPolicyMeta('<html><head><title>t</title></head></html>', 'a "b" & c');
    expect(out).toContain('<head>\n    <meta http-equiv="Content-Security-Policy" content="a &quot;b&quot; &amp; c" />');
  });

  it('refuses a page that declares its own policy', () => {
    expect(() => insertPolicyMeta('<head><meta http-equiv="Content-Security-Policy" content="x"></head>', 'y')).toThrow(/already declares/);
  });
});

describe('the plugin', () => {
  type Asset = { type: 'asset'; fileName: string; source: string };
  const run = (single: boolean, bundle: Record<string, Asset>) => {
    const hook = contentSecurityPolicy({ single }).generateBundle as { handler: (this: unknown, o: unknown, b: unknown) => void };
    hook.handler.call({ error: (m: string) => { throw new Error(m); } }, {}, bundle);
    return bundle;
  };
  const transform = (single: boolean, html: string) => {
    const hook = contentSecurityPolicy({ single }).transformIndexHtml as { handler: (html: string) => string };
    return hook.handler(html);
  };
  const page = '<html><head><meta charset="utf-8"><script type="module">start()</script></head><body><script type="text/plain">chunk</script></body></html>';

  it('single file: hashes the final inline script into the page at the end of the bundle step', () => {
    const out = run(true, { 'index.html': { type: 'asset', fileName: 'index.html', source: page } });
    const html = out['index.html']!.source;
    expect(html).toContain(`script-src ${sha('start()')} blob: 'wasm-unsafe-eval'`);
    expect(html).not.toContain(sha('chunk'));
    expect(transform(true, page)).toBe(page);
  });

  it('served build and dev server: the policy is written when the HTML is transformed, and the bundle step leaves it', () => {
    expect(transform(false, page)).toContain(`content="${formatPolicy(servedPolicy())}"`);
    const bundle = { 'index.html': { type: 'asset' as const, fileName: 'index.html', source: page } };
    expect(run(false, bundle)['index.html']!.source).toBe(page);
  });

  it('single file: a page with no inline script fails the build', () => {
    expect(() => run(true, { 'index.html': { type: 'asset', fileName: 'index.html', source: '<head><meta charset="utf-8"></head>' } })).toThrow(/index.html: .*no inline script/);
  });
});

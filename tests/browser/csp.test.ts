import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChrome } from '../../scripts/lib/chrome.ts';
import { writeHandout } from '../../scripts/lib/handout.ts';
import type * as Training from '../../src/training/index.ts';
import { openDeck, slideCount } from './deck-page.ts';
import { goto, trainOnce } from './demo-helpers.ts';
import { takeCspViolations } from './csp-watch.ts';
import { PageWatch } from './page-watch.ts';
import { servedTarget, singleFileTarget, type Target } from './targets.ts';
import { DEMO_FOLDERS } from '../demo-folders.ts';
import type { DemoSpec } from '../../src/widgets/contract.ts';

type Backend = 'webgl' | 'wasm' | 'cpu';

/** A walk shows over a hundred slides in two windows, each waiting for its demos to start. */
const WALK_TIMEOUT = 900_000;

/** Where a policy source would let the page reach another machine: a host, a scheme such as https:, or a wildcard. */
const REMOTE_SOURCE = /^(?!'|data:$|blob:$)/;

function policyOf(page: Page): Promise<string | null> {
  return page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
}

function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name!, sources]));
}

/** Waits until every demo on the visible slide of `page` has started (or failed), and returns their statuses and badges. */
async function settledDemos(page: Page): Promise<{ status: string; badge: string }[]> {
  const roots = '.remark-slides-area .remark-visible .demo-root';
  await page.waitForFunction((sel) => [...document.querySelectorAll<HTMLElement>(sel)].every((r) => r.dataset.demoStatus !== 'loading'), roots, { timeout: 180_000 });
  return page.locator(roots).evaluateAll((els) =>
    els.map((el) => ({ status: (el as HTMLElement).dataset.demoStatus ?? '', badge: el.querySelector('.demo-badge')?.textContent ?? '' })),
  );
}

/**
 * Waits until `page` shows slide `n` (1-based). On SwiftShader's WebGL a window can be busy
 * for a minute on a loaded machine (the sentiment model's first steps), longer than
 * deck-page's waitForIndex allows.
 */
async function showing(page: Page, n: number): Promise<void> {
  await page.waitForFunction(
    (i) => [...document.querySelectorAll('.remark-slides-area .remark-slide-container')].findIndex((el) => el.classList.contains('remark-visible')) === i,
    n - 1,
    { timeout: 180_000 },
  );
}

interface Session {
  context: BrowserContext;
  page: Page;
  clone: Page;
  watches: PageWatch[];
}

/** The presenter window on `backend`, in presenter mode, with the clone open. */
async function presenterWithClone(browser: Browser, target: Target, backend: Backend): Promise<Session> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  const page = await context.newPage();
  const watches = [new PageWatch(page, target.ownPrefix)];
  await openDeck(page, `${target.url}?backend=${backend}#1`);
  await page.keyboard.press('p');
  const [clone] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('c')]);
  watches.push(new PageWatch(clone, target.ownPrefix));
  await clone.waitForSelector('.remark-slides-area .remark-visible');
  return { context, page, clone, watches };
}

/**
 * Shows each slide in the presenter window and waits for the clone to follow and for the
 * slide's demos to start in both windows. Returns the slides whose demos run TensorFlow.js.
 */
async function walk(s: Session, slides: number[], backend: Backend): Promise<number[]> {
  const withBadge: number[] = [];
  for (const slide of slides) {
    await s.page.bringToFront();
    await s.page.evaluate((n) => {
      location.hash = `#${n}`;
    }, slide);
    await showing(s.page, slide);
    await showing(s.clone, slide);
    const demos = await settledDemos(s.page);
    const shown = await settledDemos(s.clone);
    for (const d of [...demos, ...shown]) expect(d.status, `slide ${slide}`).not.toBe('error');
    const badges = demos.map((d) => d.badge).filter((b) => b !== '');
    if (badges.length > 0) {
      withBadge.push(slide);
      // A backend the policy blocked would be replaced by the next one without a word: the badge says which runs.
      for (const b of badges) expect(b, `slide ${slide}`).toBe(`tfjs · ${backend}`);
    }
  }
  return withBadge;
}

/** The demos that run TensorFlow.js models (their specs say `tfjs: true`). */
async function tfDemos(): Promise<string[]> {
  const specs = await Promise.all(DEMO_FOLDERS.map(async (name) => ((await import(`../../demos/${name}/schema.ts`)) as { default: DemoSpec }).default));
  return specs.filter((spec) => spec.tfjs).map((spec) => spec.name);
}

/** 1-based numbers of the slides that hold one of `demos`. */
function slidesWith(page: Page, demos: string[]): Promise<number[]> {
  return page.evaluate((names) => {
    const all = [...document.querySelectorAll('.remark-slides-area .remark-slide-container')];
    return all.flatMap((el, i) => ([...el.querySelectorAll<HTMLElement>('.demo-host')].some((h) => names.includes(h.dataset.demo ?? '')) ? [i + 1] : []));
  }, demos);
}

/** Runs a small training job through the deck's scripting hook, in the worker or (forced) on the main thread. */
function trainJob(page: Page, mainThread: boolean): Promise<{ place: string; losses: number }> {
  return page.evaluate(async (main) => {
    const m = await (window as unknown as { deckTraining(): Promise<typeof Training> }).deckTraining();
    const host = new m.TrainingHost(main ? { createWorker: async () => null } : {});
    let losses = 0;
    const handle = host.start(
      { trainer: 'char-lstm', config: { text: 'the cat sat on the mat. ', hiddenSize: 8, seqLength: 8, optimizer: { kind: 'sgd', learningRate: 0.1 }, clip: { kind: 'norm', threshold: 5 } }, seed: 1, steps: 10, reportEvery: 5 },
      () => losses++,
    );
    await handle.done;
    return { place: handle.place, losses };
  }, mainThread);
}

/**
 * The strict policy in both builds: it is in the page, it is enforced, and the whole deck
 * runs under it. Every slide is shown in the presenter window with the clone open on the
 * CPU backend; the slides with TensorFlow.js demos are shown again on WebGL and WebAssembly
 * (the only code that differs between backends); training runs in the worker and on the
 * main thread; the handout is made from the reading view, every demo read past. Any violation fails the test
 * (tests/browser/csp-setup.ts); each test also asserts none was seen.
 */
describe.each([
  ['served build', servedTarget],
  ['single-file build from file://', singleFileTarget],
])('the Content-Security-Policy of the %s', (label, makeTarget) => {
  let target: Target;
  let browser: Browser;
  let tfNames: string[] = [];

  beforeAll(async () => {
    target = await makeTarget();
    browser = await launchChrome();
    tfNames = await tfDemos();
  });

  afterAll(async () => {
    await browser?.close();
    await target?.close();
  });

  it('is declared in the page: no inline or eval for scripts, wasm allowed, no remote origin', async () => {
    const page = await browser.newPage();
    await openDeck(page, `${target.url}#1`);
    const policy = await policyOf(page);
    expect(policy).toBeTruthy();
    const d = directives(policy!);
    expect(d.get('default-src')).toEqual(["'none'"]);
    const scripts = d.get('script-src') ?? [];
    expect(scripts).not.toContain("'unsafe-inline'");
    expect(scripts).not.toContain("'unsafe-eval'");
    expect(scripts).toContain("'wasm-unsafe-eval'");
    expect(d.get('worker-src')).toEqual([label.startsWith('served') ? "'self'" : 'blob:']);
    if (!label.startsWith('served')) expect(scripts.filter((s) => s.startsWith("'sha256-"))).toHaveLength(1);
    for (const [name, sources] of d) for (const source of sources) expect(source, `${name} ${source}`).not.toMatch(REMOTE_SOURCE);
    await page.close();
  });

  it('is enforced: an injected inline script does not run and is reported', async () => {
    const page = await browser.newPage();
    await openDeck(page, `${target.url}#1`);
    takeCspViolations();
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.__injected = true;';
      document.body.append(script);
      await new Promise((r) => setTimeout(r, 50));
      return (window as { __injected?: boolean }).__injected === true;
    });
    expect(ran).toBe(false);
    // Both watches report it: the page's securitypolicyviolation event and Chromium's console line.
    const seen: string[] = [];
    await expect.poll(() => {
      seen.push(...takeCspViolations());
      return [seen.some((v) => /^script-src-elem blocked inline/.test(v)), seen.some((v) => /^console .*inline script violates .*Content Security Policy/.test(v))];
    }).toEqual([true, true]);
    await page.close();
  });

  it('every slide in presenter mode with the clone, on the CPU backend: 0 violations', async () => {
    const s = await presenterWithClone(browser, target, 'cpu');
    const count = await slideCount(s.page);
    const withBadge = await walk(s, Array.from({ length: count }, (_, i) => i + 1), 'cpu');
    // Every slide with a TensorFlow.js demo showed its backend, so each of them started a model.
    expect(withBadge).toEqual(await slidesWith(s.page, tfNames));
    // The unroll demo trains in the worker; its weights reach the clone.
    const unroll = await s.page.evaluate(() => [...document.querySelectorAll('.remark-slides-area .remark-slide-container')].findIndex((el) => el.querySelector('.demo-host[data-demo="unroll"]')) + 1);
    await goto(s.page, '', unroll);
    await settledDemos(s.page);
    const id = await s.page.locator('.remark-slides-area .remark-visible .demo-root').first().getAttribute('data-demo-id');
    await trainOnce(s.page, id!);
    for (const w of s.watches) expect(w.errors).toEqual([]);
    for (const w of s.watches) expect(w.foreignRequests).toEqual([]);
    expect(takeCspViolations()).toEqual([]);
    await s.context.close();
  }, WALK_TIMEOUT);

  for (const backend of ['webgl', 'wasm'] as const) {
    it(`every slide with a TensorFlow.js demo on the ${backend} backend, presenter and clone: 0 violations`, async () => {
      const s = await presenterWithClone(browser, target, backend);
      const tfSlides = await slidesWith(s.page, tfNames);
      expect(tfSlides.length).toBeGreaterThanOrEqual(tfNames.length);
      expect(tfNames.length).toBeGreaterThan(0);
      expect(await walk(s, tfSlides, backend)).toEqual(tfSlides);
      for (const w of s.watches) expect(w.errors).toEqual([]);
      expect(takeCspViolations()).toEqual([]);
      await s.context.close();
    }, WALK_TIMEOUT);
  }

  it('training in the worker and on the main thread, and the handout (the reading view read past every demo, printed): 0 violations', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const watch = new PageWatch(page, target.ownPrefix);
    await openDeck(page, `${target.url}#1`);
    expect(await trainJob(page, false)).toEqual({ place: 'worker', losses: 2 });
    expect(await trainJob(page, true)).toEqual({ place: 'main-thread', losses: 2 });
    expect(watch.errors).toEqual([]);
    await context.close();
    const file = join(mkdtempSync(join(tmpdir(), 'deck-csp-')), 'handout.pdf');
    const { slides, pages } = await writeHandout(browser, target.url, file);
    expect(slides).toBeGreaterThan(60);
    expect(pages).toBeGreaterThan(slides / 3);
    expect(takeCspViolations()).toEqual([]);
  }, WALK_TIMEOUT);
});

/**
 * Faults a lecture or a study session can meet, injected into the served build with the
 * presenter and its clone open: no WebGL, a WebGL context lost mid-training, the wasm
 * binary missing, the training worker crashing, the clone closed and reopened, the
 * presenter reloaded mid-demo, localStorage full or disabled, and a damaged or oversized
 * bookmark. Each time the deck recovers, keeps or restores the demo's state, and says what
 * happened in the demo's box or the page's notes.
 */
import { Buffer } from 'node:buffer';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { openDeck, visibleIndex, waitForIndex } from './deck-page.ts';
import { goto, waitRunning } from './demo-helpers.ts';
import { PageWatch } from './page-watch.ts';
import { demoRoot, demoStatus, errorText, expectNothingNonFinite, injectTrainingFault, openFaultSession, pageNotices, stateText } from './fault-session.ts';

/** No WebGL anywhere: the flags leave it on OffscreenCanvas, so getContext refuses it too. */
function withoutWebgl(): void {
  for (const proto of [HTMLCanvasElement.prototype, OffscreenCanvas.prototype] as { getContext: (...a: unknown[]) => unknown }[]) {
    const original = proto.getContext;
    proto.getContext = function (this: unknown, ...args: unknown[]) {
      return typeof args[0] === 'string' && args[0].includes('webgl') ? null : original.apply(this, args);
    };
  }
}

/** Fills this origin's localStorage until it refuses more, as a full quota does. */
function fillLocalStorage(): void {
  for (const size of [1 << 20, 1 << 10, 8]) {
    const chunk = 'x'.repeat(size);
    try {
      for (let i = 0; i < 100_000; i++) localStorage.setItem(`fill-${size}-${i}`, chunk);
    } catch {
      // Full at this size: go on with smaller pieces until not even eight characters fit.
    }
  }
}

/** localStorage as a browser that blocks it has it: reading the property throws. */
function disableLocalStorage(): void {
  Object.defineProperty(window, 'localStorage', {
    configurable: true,
    get() {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    },
  });
}

const trainSteps = async (page: Page, id: string): Promise<number> => (JSON.parse(await stateText(page, id)) as { trainSteps: number }).trainSteps;

/** Presses the unroll demo's train button and waits for its 25 steps to become the state. */
async function trainUnroll(page: Page, id: string): Promise<number> {
  const before = await trainSteps(page, id);
  await demoRoot(page, id).locator('button', { hasText: /^train \d+ steps$/ }).click();
  await expect.poll(() => trainSteps(page, id), { timeout: 60_000 }).toBe(before + 25);
  return before + 25;
}

/** Both windows hold the same state for the demo (the clone follows the presenter). */
async function cloneInSync(page: Page, clone: Page, id: string): Promise<void> {
  await expect.poll(async () => (await stateText(clone, id)) === (await stateText(page, id)), { timeout: 30_000 }).toBe(true);
}

const badge = (page: Page, id: string) => demoRoot(page, id).locator('.demo-badge');

describe('fault injection', () => {
  it('without WebGL, runs on WebAssembly and says why on the badge; a forced webgl that fails is said in a note', async () => {
    const s = await openFaultSession({ args: ['--disable-webgl', '--disable-3d-apis'], init: [withoutWebgl], query: '?backend=webgl' });
    try {
      const slide = await s.slideOf('unroll');
      const id = await s.idOf('unroll');
      await s.show(slide);
      expect(await badge(s.page, id).innerText()).toBe('tfjs · wasm');
      expect(await badge(s.page, id).getAttribute('title')).toMatch(/^WebAssembly SIMD: no WebGL 2; webgl failed to start$/);
      await expect.poll(() => pageNotices(s.page)).toContainEqual('TensorFlow.js runs on wasm instead: webgl failed to start.');
      await trainUnroll(s.page, id);
      await cloneInSync(s.page, s.clone!, id);
      expect(s.watch.errors).toEqual([]);
      expect(s.watch.foreignRequests).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('loses the WebGL context while a demo trains: moves to wasm, says so, keeps its state, and the clone stays in step', async () => {
    const s = await openFaultSession({ query: '?backend=webgl' });
    try {
      const slide = await s.slideOf('unroll');
      const id = await s.idOf('unroll');
      await s.show(slide);
      expect(await badge(s.page, id).innerText()).toBe('tfjs · webgl');
      const kept = await trainUnroll(s.page, id);
      // The next 25 steps are in the worker when the context goes.
      await demoRoot(s.page, id).locator('button', { hasText: /^train \d+ steps$/ }).click();
      const lost = await s.page.evaluate(() => (window as unknown as { deckDemos: { loseWebglContext(): Promise<boolean> } }).deckDemos.loseWebglContext());
      expect(lost).toBe(true);
      await expect.poll(() => badge(s.page, id).innerText(), { timeout: 30_000 }).toBe('tfjs · wasm');
      expect(await badge(s.page, id).getAttribute('title')).toMatch(/webgl lost its context/);
      await expect.poll(() => pageNotices(s.page)).toContainEqual('WebGL lost its context: the demos go on with TensorFlow.js on wasm, from their last state.');
      await waitRunning(s.page);
      // The state from before the loss, or the job's result if it landed first: never less, never a fresh start.
      expect([kept, kept + 25]).toContain(await trainSteps(s.page, id));
      await trainUnroll(s.page, id);
      await cloneInSync(s.page, s.clone!, id);
      await expect.poll(() => demoRoot(s.clone!, id).getAttribute('data-demo-metric')).toBe(await demoRoot(s.page, id).getAttribute('data-demo-metric'));
      await expectNothingNonFinite(s.page, id);
      expect(s.watch.errors).toEqual([]);
      expect(s.cloneWatch!.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('without the wasm binary (404), runs on plain JavaScript and says so', async () => {
    const s = await openFaultSession({ route: (context) => context.route(/\.wasm(\?|$)/, (route) => route.fulfill({ status: 404, body: 'not found' })) });
    try {
      const slide = await s.slideOf('unroll');
      const id = await s.idOf('unroll');
      await s.show(slide);
      expect(await badge(s.page, id).innerText()).toBe('tfjs · cpu');
      expect(await badge(s.page, id).getAttribute('title')).toBe('plain JavaScript: WebAssembly could not start; wasm failed to start: its binary could not be loaded (HTTP 404)');
      await expect.poll(() => pageNotices(s.page)).toContainEqual('TensorFlow.js runs on cpu instead: wasm failed to start: its binary could not be loaded (HTTP 404).');
      await trainUnroll(s.page, id);
      await cloneInSync(s.page, s.clone!, id);
      // The failed requests for the binary are the only complaints.
      for (const e of [...s.watch.errors, ...s.cloneWatch!.errors]) expect(e).toMatch(/^console: Failed to load resource: the server responded with a status of 404/);
    } finally {
      await s.close();
    }
  });

  it('a training worker crashing mid-training: the demo says so, keeps its state, restarts from it, and the clone follows', async () => {
    const s = await openFaultSession();
    try {
      const slide = await s.slideOf('char-lm');
      const id = await s.idOf('char-lm');
      await s.show(slide);
      const step = async () => (JSON.parse(await stateText(s.page, id)) as { step: number }).step;
      await demoRoot(s.page, id).locator('button', { hasText: /^train$/ }).click();
      await expect.poll(step, { timeout: 60_000 }).toBeGreaterThan(0);
      // Between two of its jobs no worker lives: the crash is injected until one has taken it.
      await expect
        .poll(async () => {
          await injectTrainingFault(s.page, 'crash');
          return errorText(s.page, id);
        })
        .toMatch(/training worker failed: injected crash/);
      expect(await demoStatus(s.page, id)).toBe('error');
      const kept = await step();
      expect(kept).toBeGreaterThan(0);
      // The projector says why the picture stopped.
      await expect.poll(() => demoRoot(s.clone!, id).locator('.demo-note').innerText()).toMatch(/^In the presenter window: .*training worker failed: injected crash/);
      await demoRoot(s.page, id).locator('.demo-error button', { hasText: `restart from step ${kept}` }).click();
      await waitRunning(s.page);
      await expect.poll(step, { timeout: 60_000 }).toBeGreaterThan(kept);
      await expect.poll(() => demoRoot(s.clone!, id).locator('.demo-note').count()).toBe(0);
      await demoRoot(s.page, id).locator('button', { hasText: /^pause$/ }).click();
      await cloneInSync(s.page, s.clone!, id);
      await expectNothingNonFinite(s.page, id);
      for (const e of s.watch.errors) expect(e).toMatch(/injected crash/);
      expect(s.cloneWatch!.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('the clone closed and reopened, then the presenter reloaded mid-training: both windows pair again on the same state', async () => {
    const s = await openFaultSession();
    try {
      const slide = await s.slideOf('unroll');
      const id = await s.idOf('unroll');
      await s.show(slide);
      await trainUnroll(s.page, id);
      await s.clone!.close();
      // Driven with no clone open.
      await demoRoot(s.page, id).locator('button', { hasText: 'step ▶' }).click();
      const driven = await trainUnroll(s.page, id);
      const clone = await s.openClone();
      await waitForIndex(clone, slide - 1);
      await waitRunning(clone);
      await cloneInSync(s.page, clone, id);
      expect(await trainSteps(clone, id)).toBe(driven);

      // Reloaded while a job runs: the bookmark in its URL brings the state back, and the clone adopts the new presenter.
      await demoRoot(s.page, id).locator('button', { hasText: /^train \d+ steps$/ }).click();
      await s.page.reload();
      await s.page.waitForSelector('.remark-slides-area .remark-visible');
      expect(await visibleIndex(s.page)).toBe(slide - 1);
      await waitRunning(s.page);
      expect([driven, driven + 25]).toContain(await trainSteps(s.page, id));
      await trainUnroll(s.page, id);
      await cloneInSync(s.page, clone, id);
      await expect.poll(() => clone.locator('.deck-sync-waiting').count()).toBe(0);
      await s.page.keyboard.press('Escape');
      await s.page.keyboard.press('ArrowRight');
      await waitForIndex(clone, slide);
      expect(s.watch.errors).toEqual([]);
      expect(s.cloneWatch!.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('localStorage full: a note says progress is not kept, a typed text says it is not stored, and the deck and demos go on', async () => {
    const s = await openFaultSession({ init: [fillLocalStorage] });
    try {
      await goto(s.page, s.url, 3);
      await expect.poll(() => pageNotices(s.page)).toContainEqual(
        'Your progress is not being kept: this browser refused to store it (its storage is full). Your place and results last as long as this page.',
      );
      expect(await pageNotices(s.clone!)).toEqual([]);
      const slide = await s.slideOf('char-lm');
      const id = await s.idOf('char-lm');
      await s.show(slide);
      const editor = demoRoot(s.page, id).locator('textarea');
      await editor.fill('the cat sat on the mat. the dog sat on the log. the cat and the dog.');
      await editor.press('Escape');
      await expect.poll(() => demoRoot(s.page, id).locator('.demo-note').innerText()).toMatch(/not kept after a reload/);
      await demoRoot(s.page, id).locator('button', { hasText: /^train$/ }).click();
      await expect.poll(async () => (JSON.parse(await stateText(s.page, id)) as { step: number }).step, { timeout: 60_000 }).toBeGreaterThan(0);
      await demoRoot(s.page, id).locator('button', { hasText: /^pause$/ }).click();
      await cloneInSync(s.page, s.clone!, id);
      expect(s.watch.errors).toEqual([]);
      expect(s.cloneWatch!.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('localStorage disabled: a note says so at once; resuming, exercises and demos still work', async () => {
    const s = await openFaultSession({ init: [disableLocalStorage], clone: false });
    try {
      await expect.poll(() => pageNotices(s.page)).toContainEqual(
        'Your progress is not being kept: this browser does not let the page use its storage. Your place and results last as long as this page.',
      );
      const slide = await s.slideOf('unroll');
      const id = await s.idOf('unroll');
      await s.show(slide);
      await trainUnroll(s.page, id);
      await s.page.keyboard.press('h');
      await s.page.locator('.deck-clear-progress').click();
      expect(await s.page.locator('.deck-clear-progress-status').innerText()).toMatch(/progress cleared/);
      await s.page.keyboard.press('Escape');
      expect(s.watch.errors).toEqual([]);
    } finally {
      await s.close();
    }
  });

  it('a damaged, an oversized and a misfit bookmark: a note in place, the defaults used, the rest of the deck working', async () => {
    const s = await openFaultSession({ clone: false });
    try {
      const slide = await s.slideOf('unroll');
      const id = await s.idOf('unroll');
      await s.show(slide);
      await trainUnroll(s.page, id);
      const trained = await stateText(s.page, id);
      let page = s.page;
      const watches: PageWatch[] = [];
      // A fresh window for each link: a change of hash alone would not load the page again.
      const open = async (hash: string) => {
        await page.close();
        page = await s.context.newPage();
        watches.push(new PageWatch(page, s.target.ownPrefix));
        await openDeck(page, `${s.url}${hash}`);
        await waitForIndex(page, slide - 1);
        await waitRunning(page);
      };
      const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

      await open(`#${slide}~%%%not-base64`);
      await expect.poll(() => pageNotices(page)).toContainEqual("This link's demo state could not be read: its demo state is not one this deck wrote (damaged or cut short). The demos start from their defaults.");
      expect(await trainSteps(page, id)).toBe(0);

      await open(`#${slide}~${'A'.repeat(30_000)}`);
      await expect.poll(() => pageNotices(page)).toContainEqual(
        "This link's demo state could not be read: its demo state is 30,000 characters long, more than the 4,000 this deck reads. The demos start from their defaults.",
      );
      expect(await trainSteps(page, id)).toBe(0);

      // Decodes, but is not a state of this demo: said in the demo's box.
      await open(`#${slide}~${base64url(JSON.stringify({ [id]: { seed: 'three' } }))}`);
      await expect.poll(() => demoRoot(page, id).locator('.demo-note span').innerText()).toBe('The saved state of this demo could not be used (it does not fit this demo); it starts from its defaults.');
      expect(await trainSteps(page, id)).toBe(0);

      // A weight that overflowed on its way (1e400 reads as Infinity): refused before anything is drawn.
      const overflowed = trained.replace(/"weights":\[[^,\]]+/, '"weights":[1e400');
      expect(overflowed).not.toBe(trained);
      await open(`#${slide}~${base64url(`{${JSON.stringify(id)}:${overflowed}}`)}`);
      await expect.poll(() => demoRoot(page, id).locator('.demo-note span').innerText()).toBe('The saved state of this demo could not be used (it does not fit this demo); it starts from its defaults.');
      expect(await trainSteps(page, id)).toBe(0);
      await expectNothingNonFinite(page, id);

      // The demo and the deck work from there.
      await trainUnroll(page, id);
      await page.keyboard.press('Escape');
      await page.keyboard.press('ArrowRight');
      await waitForIndex(page, slide);
      // A good bookmark still restores its state, with no note.
      await open(`#${slide}~${base64url(`{${JSON.stringify(id)}:${trained}}`)}`);
      expect(await stateText(page, id)).toBe(trained);
      expect(await pageNotices(page)).toEqual([]);
      expect(await demoRoot(page, id).locator('.demo-note').count()).toBe(0);
      expect(s.watch.errors).toEqual([]);
      expect(watches.flatMap((w) => w.errors)).toEqual([]);
    } finally {
      await s.close();
    }
  });
});

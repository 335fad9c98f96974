import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChrome } from '../../scripts/lib/chrome.ts';
import { openDeck, waitForIndex } from './deck-page.ts';
import { PageWatch } from './page-watch.ts';
import { servedTarget, singleFileTarget, type Target } from './targets.ts';

const KEY = 'rnn-deck:progress';

/** Sets a demo's slider as a user drags it: the value, then the input event. */
async function setSlider(page: Page, label: string, value: number): Promise<void> {
  const input = page.locator('.remark-slides-area .remark-visible .demo-slider', { hasText: label }).locator('input[type=range]');
  await input.evaluate((el, v) => {
    (el as HTMLInputElement).value = String(v);
    el.dispatchEvent(new Event('input', { bubbles: true }));
  }, value);
}

/** A demo challenge is met by operating the demo's controls, checked from its state, shown in place and kept. */
describe.each([
  ['served build', servedTarget],
  ['single-file build from file://', singleFileTarget],
])('%s', (_label, makeTarget) => {
  let browser: Browser;
  let target: Target;
  let page: Page;
  let watch: PageWatch;

  beforeAll(async () => {
    target = await makeTarget();
    browser = await launchChrome();
    page = await (await browser.newContext({ viewport: { width: 1280, height: 720 } })).newPage();
    watch = new PageWatch(page, target.ownPrefix);
    await openDeck(page, target.url);
  });

  afterAll(async () => {
    await browser?.close();
    await target?.close();
  });

  it('meets the truncation challenge by choosing the band and τ = 4, not before', async () => {
    const index = await page.evaluate(() => [...document.querySelectorAll('.remark-slides-area .remark-slide-container')].findIndex((s) => s.querySelector('.demo-host[data-demo-challenge="shortest-band"]')));
    expect(index).toBeGreaterThan(0);
    await page.evaluate((i) => (location.hash = `#${i + 1}`), index);
    await waitForIndex(page, index);
    const line = page.locator('.remark-slides-area .remark-visible .demo-challenge-line[data-challenge="shortest-band"]');
    await line.waitFor({ timeout: 60_000 });
    expect(await line.innerText()).toContain('shortest τ');
    await expect.poll(() => line.getAttribute('data-challenge-met')).toBe('no');
    await page.locator('.remark-slides-area .remark-visible .demo-select select').selectOption('band');
    await setSlider(page, 'τ', 5);
    await page.waitForTimeout(400);
    expect(await line.getAttribute('data-challenge-met')).toBe('no');
    await setSlider(page, 'τ', 4);
    await expect.poll(() => line.getAttribute('data-challenge-met')).toBe('now');
    expect(await line.locator('.demo-challenge-status').innerText()).toContain('met');
    const kept = await page.evaluate((k) => JSON.parse(localStorage.getItem(k) ?? '{}') as { challenges?: Record<string, boolean> }, KEY);
    expect(kept.challenges).toEqual({ 'bptt-live/shortest-band': true });
    await setSlider(page, 'τ', 3);
    await expect.poll(() => line.getAttribute('data-challenge-met')).toBe('before');
    expect(watch.errors).toEqual([]);
  });
});

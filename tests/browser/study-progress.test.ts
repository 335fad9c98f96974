import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChrome } from '../../scripts/lib/chrome.ts';
import { openDeck, visibleIndex, waitForIndex } from './deck-page.ts';
import { PageWatch } from './page-watch.ts';
import { servedTarget, singleFileTarget, type Target } from './targets.ts';

const KEY = 'rnn-deck:progress';

/** Resume and progress: the deck reopens where the student stopped; bad stored values never blank it. */
describe.each([
  ['served build', servedTarget],
  ['single-file build from file://', singleFileTarget],
])('%s', (_label, makeTarget) => {
  let browser: Browser;
  let target: Target;

  beforeAll(async () => {
    target = await makeTarget();
    browser = await launchChrome();
  });

  afterAll(async () => {
    await browser?.close();
    await target?.close();
  });

  async function freshPage(): Promise<{ page: Page; watch: PageWatch; warnings: string[] }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    return { page, watch: new PageWatch(page, target.ownPrefix), warnings };
  }

  /** Opens the deck's address without a slide in it, as a double-click or a bookmark of the file does. */
  async function reopen(page: Page): Promise<void> {
    await page.goto('about:blank');
    await openDeck(page, target.url);
  }

  it('reopens on the slide where the student stopped', async () => {
    const { page, watch } = await freshPage();
    await openDeck(page, target.url);
    expect(await visibleIndex(page)).toBe(0);
    for (let i = 1; i <= 6; i++) {
      await page.keyboard.press('ArrowRight');
      await waitForIndex(page, i);
    }
    await reopen(page);
    expect(await visibleIndex(page)).toBe(6);
    // A link that names a slide wins over the kept place.
    await page.goto('about:blank');
    await openDeck(page, `${target.url}#3`);
    expect(await visibleIndex(page)).toBe(2);
    expect(watch.errors).toEqual([]);
    await page.context().close();
  });

  it('ignores a corrupted stored value with a console warning and shows the deck', async () => {
    const { page, watch, warnings } = await freshPage();
    await openDeck(page, target.url);
    for (const bad of ['{"version":1,"slide":', JSON.stringify({ version: 7, slide: 4 }), JSON.stringify({ version: 1, slide: 'x', exercises: {}, challenges: {} })]) {
      await page.evaluate(([k, v]) => localStorage.setItem(k!, v!), [KEY, bad]);
      warnings.length = 0;
      await reopen(page);
      expect(await visibleIndex(page)).toBe(0);
      expect(await page.locator('.remark-slides-area .remark-visible .remark-slide-content').innerText()).not.toBe('');
      expect(warnings.some((w) => w.includes('stored progress'))).toBe(true);
    }
    expect(watch.errors).toEqual([]);
    await page.context().close();
  });

  it('clears the kept progress from the help overlay', async () => {
    const { page } = await freshPage();
    await openDeck(page, `${target.url}#4`);
    await page.keyboard.press('ArrowRight');
    await waitForIndex(page, 4);
    expect(await page.evaluate((k) => localStorage.getItem(k), KEY)).toContain('"slide":4');
    await page.keyboard.press('h');
    await page.locator('.remark-help .deck-clear-progress').click();
    expect(await page.evaluate((k) => localStorage.getItem(k), KEY)).toBeNull();
    await expect.poll(() => page.locator('.deck-clear-progress-status').innerText()).toContain('cleared');
    await page.context().close();
  });
});

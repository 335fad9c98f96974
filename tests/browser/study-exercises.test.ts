import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChrome } from '../../scripts/lib/chrome.ts';
import { openDeck, visibleIndex, waitForIndex } from './deck-page.ts';
import { PageWatch } from './page-watch.ts';
import { servedTarget, singleFileTarget, type Target } from './targets.ts';

/** Goes to the slide holding an element, by the slide number in the address. */
async function gotoSlideWith(page: Page, selector: string): Promise<void> {
  const index = await page.evaluate((s) => [...document.querySelectorAll('.remark-slides-area .remark-slide-container')].findIndex((el) => el.querySelector(s)), selector);
  expect(index).toBeGreaterThan(0);
  await page.evaluate((i) => (location.hash = `#${i + 1}`), index);
  await waitForIndex(page, index);
}

/** Exercises: a numerical answer within its tolerance is accepted, a wrong one rejected; choices too; results are kept. */
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

  const exercise = (id: string) => page.locator(`.remark-slides-area .remark-visible .exercise[data-exercise-id="${id}"]`);

  it('accepts a numerical answer within the tolerance and rejects a wrong one, typing without moving the slides', async () => {
    await gotoSlideWith(page, '[data-exercise-id="rnn-scalar-steps"]');
    const slide = await visibleIndex(page);
    const ex = exercise('rnn-scalar-steps');
    await ex.locator('input').click();
    // Digits and arrows typed into the answer must not jump to slide 7 or change slide.
    await page.keyboard.type('0.7');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('Enter');
    expect(await visibleIndex(page)).toBe(slide);
    await expect.poll(() => ex.getAttribute('data-exercise-result')).toBe('wrong');
    await ex.locator('input').fill('0,7241');
    await ex.locator('.exercise-check').click();
    await expect.poll(() => ex.getAttribute('data-exercise-result')).toBe('correct');
    expect(await ex.locator('.exercise-feedback').innerText()).toContain('Right');
    await ex.locator('input').fill('seven');
    await ex.locator('.exercise-check').click();
    expect(await ex.getAttribute('data-exercise-result')).toBe('invalid');
    expect(await visibleIndex(page)).toBe(slide);
  });

  it('checks a multiple choice, hides the solution until asked for, and keeps results over a reload', async () => {
    const ex = exercise('rnn-topology');
    await ex.locator('input[value="1"]').check();
    await ex.locator('.exercise-check').click();
    await expect.poll(() => ex.getAttribute('data-exercise-result')).toBe('wrong');
    await ex.locator('input[value="2"]').check();
    await ex.locator('.exercise-check').click();
    await expect.poll(() => ex.getAttribute('data-exercise-result')).toBe('correct');
    const solution = ex.locator('.exercise-solution');
    expect(await solution.isVisible()).toBe(false);
    await ex.locator('.exercise-reveal').click();
    expect(await solution.isVisible()).toBe(true);
    expect(await solution.innerText()).toContain('many to one');
    await page.reload();
    await page.waitForSelector('.remark-slides-area .remark-visible');
    await expect.poll(() => exercise('rnn-topology').getAttribute('data-exercise-result')).toBe('correct');
    expect(await exercise('rnn-topology').locator('input[value="2"]').isChecked()).toBe(true);
    expect(await exercise('rnn-scalar-steps').locator('input').inputValue()).toBe('0,7241');
    expect(watch.errors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
  });
});

import type { Page } from 'playwright-core';

/** What the tests read off the deck's DOM: remark's classes, no private hooks. */
/** The presenter preview's copy of the next slide (the one after it is made ahead, unseen, beside it). */
export const SHOWN_PREVIEW = '.remark-preview-area > .remark-slide-container:not(.deck-preview-ahead)';

export async function slideCount(page: Page): Promise<number> {
  return page.locator('.remark-slides-area .remark-slide-container').count();
}

/** 0-based index of the visible slide in the slides area (not the presenter preview). */
export function visibleIndex(page: Page): Promise<number> {
  return page.evaluate(() => {
    const all = [...document.querySelectorAll('.remark-slides-area .remark-slide-container')];
    return all.findIndex((el) => el.classList.contains('remark-visible'));
  });
}

export async function waitForIndex(page: Page, index: number): Promise<void> {
  await page.waitForFunction((i) => {
    const all = [...document.querySelectorAll('.remark-slides-area .remark-slide-container')];
    return all.findIndex((el) => el.classList.contains('remark-visible')) === i;
  }, index);
}

export async function openDeck(page: Page, url: string): Promise<void> {
  await page.goto(url);
  await page.waitForSelector('.remark-slides-area .remark-visible');
  await page.evaluate(() => document.fonts.ready);
  // Figures and later slides' content are swapped in after the first paint; tests measure and read the finished slides.
  await page.waitForFunction(() => document.querySelector('.deck-pending, .deck-figure-pending') === null, null, { timeout: 20_000 });
}

export function containerHasClass(page: Page, cls: string): Promise<boolean> {
  // remark marks both <html> and its container (<body>) with .remark-container; modes go on the container.
  return page.evaluate((c) => [...document.querySelectorAll('.remark-container')].some((el) => el.classList.contains(c)), cls);
}

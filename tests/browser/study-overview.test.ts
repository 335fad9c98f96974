import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChrome } from '../../scripts/lib/chrome.ts';
import { openDeck, visibleIndex, waitForIndex } from './deck-page.ts';
import { PageWatch } from './page-watch.ts';
import { servedTarget, singleFileTarget, type Target } from './targets.ts';

/** A word that is in one slide's notes and in no slide's text. */
const NOTES_ONLY = 'Baidu';

/** Overview and search: keyboard only; a word found only in the notes jumps to its slide. */
describe.each([
  ['served build', servedTarget],
  ['single-file build from file://', singleFileTarget],
])('%s', (_label, makeTarget) => {
  let browser: Browser;
  let context: BrowserContext;
  let target: Target;
  let page: Page;
  let watch: PageWatch;

  beforeAll(async () => {
    target = await makeTarget();
    browser = await launchChrome();
    context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  });

  // Each test starts from a freshly opened deck on slide 1: where one test leaves the focus or the search must not decide the next.
  beforeEach(async () => {
    page = await context.newPage();
    watch = new PageWatch(page, target.ownPrefix);
    await openDeck(page, `${target.url}#1`);
  });

  afterEach(async () => {
    expect(watch.errors).toEqual([]);
    await page.close();
  });

  afterAll(async () => {
    await browser?.close();
    await target?.close();
  });

  /** Opens the search with / and types the notes-only word: one slide is listed. */
  const searchNotesOnlyWord = async () => {
    await page.keyboard.press('/');
    await page.locator('.deck-overview-search').waitFor();
    await page.keyboard.type(NOTES_ONLY.toLowerCase());
    await expect.poll(() => page.locator('.deck-overview:not([hidden]) .deck-overview-item').count()).toBe(1);
  };

  it('search finds a word that is only in the notes and jumps there with Enter', async () => {
    const expected = await page.evaluate((word) => {
      const slides = [...document.querySelectorAll('.remark-slides-area .remark-slide-container')];
      return {
        inText: slides.filter((s) => s.querySelector('.remark-slide-content')?.textContent?.includes(word)).length,
        inNotes: slides.map((s, i) => (s.querySelector('.remark-slide-notes')?.textContent?.includes(word) ? i : -1)).filter((i) => i >= 0),
      };
    }, NOTES_ONLY);
    expect(expected.inText).toBe(0);
    expect(expected.inNotes).toHaveLength(1);
    await searchNotesOnlyWord();
    expect(await page.locator('.deck-overview-item .deck-overview-snippet').innerText()).toContain('baidu');
    // Typing in the search field must not have moved the slides.
    expect(await visibleIndex(page)).toBe(0);
    await page.keyboard.press('Enter');
    await waitForIndex(page, expected.inNotes[0]!);
    expect(await page.locator('.deck-overview').isHidden()).toBe(true);
  });

  it('a key pressed right after a search jump reaches the deck, not the hidden search field', async () => {
    await searchNotesOnlyWord();
    // Enter and then O within one task, as a fast typist on a busy machine delivers them: the O goes to whatever holds the focus once the overview has closed.
    const focusInOverview = await page.evaluate(() => {
      const send = (to: EventTarget, key: string) => to.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
      send(document.activeElement!, 'Enter');
      const inOverview = document.querySelector('.deck-overview')!.contains(document.activeElement);
      send(document.activeElement ?? document.body, 'o');
      return inOverview;
    });
    expect(focusInOverview).toBe(false);
    await expect.poll(() => page.locator('.deck-overview:not([hidden]) .deck-overview-item').count()).toBeGreaterThan(100);
    await page.keyboard.press('Escape');
    expect(await page.locator('.deck-overview').isHidden()).toBe(true);
  });

  it('the overview lists every slide by chapter and opens one with the arrow keys and Enter', async () => {
    const count = await page.locator('.remark-slides-area .remark-slide-container').count();
    await page.keyboard.press('o');
    await expect.poll(() => page.locator('.deck-overview:not([hidden]) .deck-overview-item').count()).toBe(count);
    expect(await page.locator('.deck-overview-chapter h2').count()).toBeGreaterThanOrEqual(10);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await waitForIndex(page, 2);
    await page.keyboard.press('o');
    await page.keyboard.press('Escape');
    expect(await page.locator('.deck-overview').isHidden()).toBe(true);
    expect(await visibleIndex(page)).toBe(2);
  });

  it('O opens on the slide being shown, and the arrows move from there', async () => {
    const count = await page.locator('.remark-slides-area .remark-slide-container').count();
    const shown = Math.floor(count / 2);
    await page.evaluate((n) => {
      location.hash = `#${n + 1}`;
    }, shown);
    await waitForIndex(page, shown);
    await page.keyboard.press('o');
    await page.locator('.deck-overview:not([hidden]) .deck-overview-item:focus').waitFor();
    const focused = Number(await page.locator('.deck-overview-item:focus').getAttribute('data-slide'));
    // A `--` slide is listed as its last step: the focus is on the slide shown or on the step that ends it.
    expect(focused).toBeGreaterThanOrEqual(shown);
    const steps = await page.evaluate(
      ([from, to]) => [...document.querySelectorAll('.remark-slides-area .remark-slide-container')].slice(from!, to! + 1).map((s) => s.querySelector('h1, h2, h3')?.textContent?.trim() ?? ''),
      [shown, focused],
    );
    expect(new Set(steps).size).toBe(1);
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect.poll(() => visibleIndex(page)).toBeGreaterThan(focused);
    expect(await page.locator('.deck-overview').isHidden()).toBe(true);
  });
});

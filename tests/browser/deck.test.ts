import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChrome } from '../../scripts/lib/chrome.ts';
import { containerHasClass, openDeck, SHOWN_PREVIEW, slideCount, visibleIndex, waitForIndex } from './deck-page.ts';
import { PageWatch } from './page-watch.ts';
import { servedTarget, singleFileTarget, type Target } from './targets.ts';

/**
 * Records every frame in which a slide, a presenter's preview or notes is shown while its
 * content is still a placeholder: such a slide must stay hidden until it is filled.
 */
const RECORD_HALF_MADE = `(() => {
  window.__halfMade = [];
  const shown = '.remark-slides-area .remark-visible .remark-slide-content, .remark-preview-area .remark-slide-content, .remark-notes, .remark-notes-preview';
  const check = () => {
    for (const el of document.querySelectorAll(shown)) {
      if (el.querySelector('.deck-pending') && getComputedStyle(el).visibility !== 'hidden') window.__halfMade.push(location.hash + ' ' + el.className);
    }
    requestAnimationFrame(check);
  };
  requestAnimationFrame(check);
})();`;

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
    page = await context.newPage();
    watch = new PageWatch(page, target.ownPrefix);
    await openDeck(page, target.url);
  });

  afterAll(async () => {
    await browser?.close();
    await target?.close();
  });

  it('boots on the first slide with its math rendered', async () => {
    expect(await slideCount(page)).toBeGreaterThan(5);
    expect(await visibleIndex(page)).toBe(0);
    expect(await page.locator('.katex').count()).toBeGreaterThan(10);
  });

  it('visits every slide by keyboard with no error, no failed formula and the hash in step', async () => {
    const count = await slideCount(page);
    const overflowing: number[] = [];
    for (let i = 1; i < count; i++) {
      await page.keyboard.press('ArrowRight');
      await waitForIndex(page, i);
      // The slide's hash is written once the new slide is painted.
      await expect.poll(() => page.evaluate(() => location.hash.split('~')[0]), { timeout: 5_000 }).toBe(`#${i + 1}`);
      const overflows = await page.evaluate(() => {
        const el = document.querySelector('.remark-slides-area .remark-visible .remark-slide-content');
        return el !== null && (el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1);
      });
      if (overflows) overflowing.push(i + 1);
    }
    // Content that does not fit its slide at 16:9.
    expect(overflowing).toEqual([]);
    expect(await page.locator('.katex-error').count()).toBe(0);
    expect(await page.locator('.remark-slides-area .deck-error').count()).toBe(0);
    expect(watch.errors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
  });

  it('reads no underscore inside a word as emphasis, in any slide or its notes', async () => {
    // marked (pedantic) turns "h_t is almost h_{t-1}" into "h<em>t is almost h</em>{t-1}"; slides write \_ or $…$.
    await page.waitForFunction(() => !document.querySelector('.deck-pending'));
    const inWord = await page.evaluate(() =>
      [...document.querySelectorAll('.remark-slides-area .remark-slide-container')].flatMap((slide, i) =>
        [...slide.querySelectorAll('em, strong')].flatMap((em) => {
          const before = em.previousSibling?.textContent ?? '';
          return /[A-Za-z0-9]$/.test(before) ? [`slide ${i + 1}: …${before.slice(-12)}<${em.tagName.toLowerCase()}>${(em.textContent ?? '').slice(0, 30)}`] : [];
        }),
      ),
    );
    expect(inWord).toEqual([]);
  });

  it('jumps with a number and Enter, and opens a slide from the URL hash', async () => {
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    await waitForIndex(page, 2);
    await page.goto(target.url.split('#')[0] + '#5');
    await waitForIndex(page, 4);
  });

  it('keeps the slides either side of the shown one laid out but unseen, so showing one only repaints it', async () => {
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    await waitForIndex(page, 2);
    const warm = () => page.evaluate(() => [...document.querySelectorAll('.remark-slides-area .remark-slide-container')].flatMap((el, i) => (el.classList.contains('deck-warm') ? [i] : [])));
    const seen = (i: number) =>
      page.evaluate((index) => {
        const el = document.querySelectorAll<HTMLElement>('.remark-slides-area .remark-slide-container')[index]!;
        return { height: el.getBoundingClientRect().height, visible: el.checkVisibility({ visibilityProperty: true }) };
      }, i);
    await expect.poll(warm).toEqual([1, 3]);
    const next = await seen(3);
    expect(next.visible).toBe(false);
    expect(next.height).toBeGreaterThan(0);
    await page.keyboard.press('ArrowRight');
    await waitForIndex(page, 3);
    expect((await seen(3)).visible).toBe(true);
    await expect.poll(warm).toEqual([2, 4]);
    expect((await seen(2)).visible).toBe(false);
    expect((await seen(1)).height).toBe(0);
  });

  it('a hash set just after a key press wins over the hash write of the key press', async () => {
    await page.evaluate(() => (location.hash = '#4'));
    await waitForIndex(page, 3);
    // The key press writes its hash after the next paint; the script's hash comes first.
    await page.keyboard.press('ArrowRight');
    await page.evaluate(() => (location.hash = '#2'));
    await waitForIndex(page, 1);
    // Past both of the key press's deferred writes (next frame, and 250 ms for background windows).
    await page.waitForTimeout(500);
    expect(await visibleIndex(page)).toBe(1);
    expect(await page.evaluate(() => location.hash)).toBe('#2');
    await page.keyboard.press('ArrowRight');
    await waitForIndex(page, 2);
    await expect.poll(() => page.evaluate(() => location.hash), { timeout: 5_000 }).toBe('#3');
  });

  it('toggles help, blackout and presenter mode from the keyboard', async () => {
    await page.keyboard.press('h');
    expect(await containerHasClass(page, 'remark-help-mode')).toBe(true);
    await page.keyboard.press('Escape');
    expect(await containerHasClass(page, 'remark-help-mode')).toBe(false);
    await page.keyboard.press('b');
    expect(await containerHasClass(page, 'remark-blackout-mode')).toBe(true);
    await page.keyboard.press('b');
    expect(await containerHasClass(page, 'remark-blackout-mode')).toBe(false);
  });

  it('shows the current notes, the next slide and the timer in presenter mode', async () => {
    const withNotes = await page.evaluate(() => {
      const all = [...document.querySelectorAll('.remark-slides-area .remark-slide-container')];
      return all.findIndex((el) => (el.querySelector('.remark-slide-notes')?.textContent ?? '').trim().length > 0);
    });
    expect(withNotes).toBeGreaterThanOrEqual(0);
    await page.goto(target.url.split('#')[0] + `#${withNotes + 1}`);
    await waitForIndex(page, withNotes);
    await page.keyboard.press('p');
    expect(await containerHasClass(page, 'remark-presenter-mode')).toBe(true);
    const expected = await page.evaluate(
      (i) => document.querySelectorAll('.remark-slides-area .remark-slide-container')[i]?.querySelector('.remark-slide-notes')?.textContent?.trim(),
      withNotes,
    );
    await expect.poll(() => page.locator('.remark-notes').innerText()).toContain((expected ?? '').slice(0, 20));
    expect(await page.locator(SHOWN_PREVIEW).count()).toBe(1);
    expect(await page.locator('.remark-toolbar-timer').count()).toBe(1);
    await page.keyboard.press('p');
    expect(await containerHasClass(page, 'remark-presenter-mode')).toBe(false);
  });

  it('renders math in the presenter preview of the next slide', async () => {
    const before = await page.evaluate(() => {
      const all = [...document.querySelectorAll('.remark-slides-area .remark-slide-container')];
      return all.findIndex((el, i) => i > 0 && el.querySelector('.katex') !== null) - 1;
    });
    await page.goto(target.url.split('#')[0] + `#p${before + 1}`);
    await waitForIndex(page, before);
    expect(await page.locator(`${SHOWN_PREVIEW} .katex`).count()).toBeGreaterThan(0);
    expect(await page.locator('.remark-preview-area .katex-error').count()).toBe(0);
    await page.keyboard.press('p');
  });

  it('opens a cloned view that follows the presenter and does not enter presenter mode', async () => {
    await page.goto(target.url.split('#')[0] + '#2');
    await waitForIndex(page, 1);
    await page.keyboard.press('p');
    const [clone] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('c')]);
    const cloneWatch = new PageWatch(clone, target.ownPrefix);
    await clone.waitForSelector('.remark-slides-area .remark-visible');
    await waitForIndex(clone, 1);
    expect(await containerHasClass(clone, 'remark-presenter-mode')).toBe(false);
    await page.bringToFront();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await waitForIndex(page, 3);
    await waitForIndex(clone, 3);
    await page.keyboard.press('b');
    await expect.poll(() => containerHasClass(clone, 'remark-blackout-mode')).toBe(true);
    await page.keyboard.press('b');
    await page.keyboard.press('ArrowLeft');
    await waitForIndex(clone, 2);
    expect(cloneWatch.errors).toEqual([]);
    expect(cloneWatch.foreignRequests).toEqual([]);
    await clone.close();
    await page.bringToFront();
    await page.keyboard.press('p');
    await expect.poll(() => containerHasClass(page, 'remark-presenter-mode')).toBe(false);
  });

  it('opens a deep link to a formula-heavy later slide rendered, in the slides, the presenter window and the clone, never half made', async () => {
    // Slides past the first few get their formulas a moment after the first paint; the slide waits for them hidden.
    const { index, formulas } = await page.evaluate(() => {
      const all = [...document.querySelectorAll('.remark-slides-area .remark-slide-container')];
      let best = { index: -1, formulas: 0 };
      all.forEach((el, i) => {
        const n = el.querySelectorAll('.remark-slide-content .katex').length;
        if (i >= all.length / 2 && n > best.formulas) best = { index: i, formulas: n };
      });
      return best;
    });
    expect(formulas).toBeGreaterThan(3);
    const fresh = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    await fresh.addInitScript(RECORD_HALF_MADE);
    const deep = await fresh.newPage();
    const deepWatch = new PageWatch(deep, target.ownPrefix);
    const base = target.url.split('#')[0];
    await deep.goto(`${base}#${index + 1}`);
    await waitForIndex(deep, index);
    await expect.poll(() => deep.locator('.remark-slides-area .remark-visible .remark-slide-content .katex').count()).toBe(formulas);
    expect(await deep.locator('.remark-slides-area .remark-visible .remark-slide-content').evaluate((el) => getComputedStyle(el).visibility)).toBe('visible');

    // The presenter, one slide before: the next slide's preview holds its formulas.
    const presenter = await fresh.newPage();
    const presenterWatch = new PageWatch(presenter, target.ownPrefix);
    await presenter.goto(`${base}#p${index}`);
    await waitForIndex(presenter, index - 1);
    expect(await containerHasClass(presenter, 'remark-presenter-mode')).toBe(true);
    await expect.poll(() => presenter.locator(`${SHOWN_PREVIEW} .remark-slide-content .katex`).count()).toBe(formulas);
    const [clone] = await Promise.all([fresh.waitForEvent('page'), presenter.keyboard.press('c')]);
    const cloneWatch = new PageWatch(clone, target.ownPrefix);
    await waitForIndex(clone, index - 1);
    await presenter.bringToFront();
    await presenter.keyboard.press('ArrowRight');
    await waitForIndex(clone, index);
    await expect.poll(() => clone.locator('.remark-slides-area .remark-visible .remark-slide-content .katex').count()).toBe(formulas);

    for (const p of [deep, presenter, clone]) {
      expect(await p.evaluate(() => (window as unknown as { __halfMade: string[] }).__halfMade)).toEqual([]);
      expect(await p.locator('.deck-pending').count()).toBe(0);
      expect(await p.locator('.katex-error').count()).toBe(0);
    }
    for (const w of [deepWatch, presenterWatch, cloneWatch]) {
      expect(w.errors).toEqual([]);
      expect(w.foreignRequests).toEqual([]);
    }
    await fresh.close();
  });

  it('switches to 4:3 with ?ratio=4:3 and survives fullscreen', async () => {
    const other = await context.newPage();
    const otherWatch = new PageWatch(other, target.ownPrefix);
    await openDeck(other, `${target.url.split('#')[0]}?ratio=4:3#2`);
    const box = await other.locator('.remark-slides-area .remark-visible .remark-slide-scaler').evaluate((el) => [
      (el as HTMLElement).offsetWidth,
      (el as HTMLElement).offsetHeight,
    ]);
    expect(box[0]! / box[1]!).toBeCloseTo(4 / 3, 2);
    await other.keyboard.press('f');
    await other.keyboard.press('ArrowRight');
    await waitForIndex(other, 2);
    expect(otherWatch.errors).toEqual([]);
    await other.close();
  });

  it('prints one slide per page', async () => {
    const count = await slideCount(page);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
    await page.emulateMedia({ media: 'screen' });
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    expect(pages).toBe(count);
  });
});

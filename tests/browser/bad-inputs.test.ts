import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChrome } from '../../scripts/lib/chrome.ts';
import { removeTemp } from '../../scripts/lib/cli.ts';
import { serveDirectory, type StaticServer } from '../../scripts/lib/static-server.ts';
import { PROGRESS_KEY } from '../../src/study/progress-store.ts';
import { ADDRESS_CASES, MESSAGE_CASES, type MessageCase } from '../bad-inputs/page-cases.ts';
import { buildFixtureDeck } from './build-fixture.ts';
import { visibleIndex } from './deck-page.ts';
import { DEMO_ID, demoState, waitRunning } from './demo-helpers.ts';
import { PageWatch } from './page-watch.ts';

/** The fixture's remark slides, its `--` step included. */
const LAST_SLIDE = 7;

/**
 * The run-time half of the bad-input corpus (tests/bad-inputs/page-cases.ts) in the built
 * demo fixture: one build, one browser, a fresh page per address, and one presenter with
 * its clone for the window messages.
 */
describe('bad inputs in the built deck', () => {
  let out: string;
  let server: StaticServer;
  let browser: Browser;
  let context: BrowserContext;
  let url: string;

  beforeAll(async () => {
    out = await buildFixtureDeck('tests/fixtures/demos', 'production');
    server = await serveDirectory(out);
    url = `${server.url}index.html`;
    browser = await launchChrome();
    context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    removeTemp(out);
  });

  describe('addresses and kept progress', () => {
    for (const c of ADDRESS_CASES) {
      it(c.name, async () => {
        const page = await context.newPage();
        const watch = new PageWatch(page, server.url);
        // Each page starts from the case's kept progress, not from what an earlier page left.
        await page.addInitScript(
          ([key, value]) => {
            if (value === null) localStorage.removeItem(key!);
            else localStorage.setItem(key!, value!);
          },
          [PROGRESS_KEY, c.storedProgress ?? null] as const,
        );
        await page.goto(`${url}${c.address}`);
        if (c.expect.reading) {
          await page.waitForSelector('.deck-reading-mode');
        } else {
          await page.waitForSelector('.remark-slides-area .remark-visible');
          await expect.poll(() => visibleIndex(page)).toBe(c.expect.slide - 1);
        }
        if (c.expect.hash) await expect.poll(() => page.evaluate(() => location.hash)).toMatch(c.expect.hash);
        if (c.expect.demo) {
          await waitRunning(page);
          expect(await demoState(page, DEMO_ID)).toMatchObject(c.expect.demo);
        }
        if (c.expect.text) await expect.poll(() => page.locator('.remark-slides-area .remark-visible').innerText()).toMatch(c.expect.text);
        if (c.expect.ratio) expect(await page.evaluate(() => document.documentElement.dataset.ratio)).toBe(c.expect.ratio);
        // The rest of the deck works: the next key shows the next slide.
        if (!c.expect.reading && c.expect.slide < LAST_SLIDE) {
          await page.keyboard.press('ArrowRight');
          await expect.poll(() => visibleIndex(page)).toBe(c.expect.slide);
        }
        expect(watch.errors).toEqual([]);
        expect(watch.foreignRequests).toEqual([]);
        await page.close();
      });
    }
  });

  describe('window messages to the clone', () => {
    let presenter: Page;
    let clone: Page;
    let watch: PageWatch;

    beforeAll(async () => {
      presenter = await context.newPage();
      await presenter.goto(`${url}#3`);
      await waitRunning(presenter);
      await presenter.keyboard.press('p');
      [clone] = await Promise.all([context.waitForEvent('page'), presenter.keyboard.press('c')]);
      watch = new PageWatch(clone, server.url);
      await waitRunning(clone);
      await clone.waitForFunction(() => document.querySelector('.deck-sync-waiting') === null, null, { timeout: 20_000 });
    });

    /** Dispatches the message in the clone as the browser would deliver it, and reads what it changed. */
    const deliver = (m: Pick<MessageCase, 'data' | 'origin' | 'from'>) =>
      clone.evaluate(
        ({ data, origin, from }) => {
          const event = new MessageEvent('message', { data, origin: origin === 'own' ? location.origin : origin, source: from === 'presenter' ? (window.opener as Window) : null });
          window.dispatchEvent(event);
          const runtime = (window as unknown as { deckDemos: { demos(): Map<string, { state: unknown; step: number }> } }).deckDemos;
          const demo = runtime.demos().get('demo-unroll');
          const slides = [...document.querySelectorAll('.remark-slides-area .remark-slide-container')];
          return {
            slide: slides.findIndex((s) => s.classList.contains('remark-visible')),
            seed: (demo?.state as { seed?: number } | undefined)?.seed,
            step: demo?.step,
            blackout: document.querySelector('.remark-blackout-mode') !== null,
          };
        },
        { data: m.data, origin: m.origin, from: m.from },
      );

    for (const c of MESSAGE_CASES) {
      it(`ignores ${c.name}`, async () => {
        expect(await deliver(c)).toEqual({ slide: 2, seed: 3, step: 0, blackout: false });
        // Whatever a handler left for later has run by the next frame.
        await clone.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));
        expect(await clone.evaluate(() => document.querySelector('.remark-slides-area .remark-visible .demo-root')?.getAttribute('data-demo-status'))).toBe('running');
        expect(watch.errors).toEqual([]);
      });
    }

    it('takes the same messages from the presenter, at its origin (so the checks above can fail)', async () => {
      const good = MESSAGE_CASES[0]!;
      expect(await deliver({ data: good.data, origin: 'own', from: 'presenter' })).toMatchObject({ seed: 999, step: 50 });
      expect(await deliver({ data: 'gotoSlide:2', origin: 'own', from: 'presenter' })).toMatchObject({ slide: 1 });
      expect(watch.errors).toEqual([]);
    });
  });
});

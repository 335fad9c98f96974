import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChrome } from '../../scripts/lib/chrome.ts';
import { openDeck } from './deck-page.ts';
import { liveRoot, waitRunning } from './demo-helpers.ts';
import { servedTarget, type Target } from './targets.ts';

type VanishingState = { reveal: number; lambda1: number };

/** prefers-reduced-motion turns the vanishing demo's growing curve into one step. */
describe('reduced motion', () => {
  let browser: Browser;
  let target: Target;

  beforeAll(async () => {
    target = await servedTarget();
    browser = await launchChrome();
  });

  afterAll(async () => {
    await browser?.close();
    await target?.close();
  });

  async function revealsAfterChange(reducedMotion: 'reduce' | 'no-preference'): Promise<number[]> {
    const page: Page = await browser.newPage({ reducedMotion });
    await openDeck(page, `${target.url}#1`);
    const slide = await page.evaluate(
      () => [...document.querySelectorAll('.remark-slides-area .remark-slide-container')].findIndex((el) => el.querySelector('.demo-host[data-demo="vanishing"]')) + 1,
    );
    await page.evaluate((n) => (location.hash = `#${n}`), slide);
    await waitRunning(page);
    await page.evaluate(() => {
      const w = window as unknown as { reveals: number[]; deckDemos: { demos(): Map<string, { state: unknown; root: HTMLElement }> } };
      w.reveals = [];
      const watch = () => {
        for (const d of w.deckDemos.demos().values()) {
          // Only the demo on screen: the next slide's demo is mounted ahead, paused.
          if (!d.root.closest('.remark-slides-area .remark-visible')) continue;
          const s = d.state as VanishingState | undefined;
          if (s && typeof s.reveal === 'number' && w.reveals[w.reveals.length - 1] !== s.reveal) w.reveals.push(s.reveal);
        }
        requestAnimationFrame(watch);
      };
      requestAnimationFrame(watch);
    });
    const range = liveRoot(page).locator('input[type=range]').first();
    await range.focus();
    await page.keyboard.press('ArrowRight');
    if (reducedMotion === 'reduce') {
      // Nothing to wait for: the test is that no growing step appears in a span longer than the animation.
      await page.waitForTimeout(3500);
    } else {
      await page.waitForFunction(() => {
        const r = (window as unknown as { reveals: number[] }).reveals;
        return r.length > 5 && r[r.length - 1] === Math.max(...r);
      }, null, { timeout: 30_000 });
    }
    const reveals = await page.evaluate(() => (window as unknown as { reveals: number[] }).reveals);
    await page.close();
    return reveals;
  }

  it('shows the whole curve at once instead of growing it', async () => {
    const reduced = await revealsAfterChange('reduce');
    const animated = await revealsAfterChange('no-preference');
    // Reduced: the curve is always complete. Animated: it restarts low and grows step by step.
    expect(reduced.length).toBeGreaterThan(0);
    expect(Math.min(...reduced)).toBe(Math.max(...reduced));
    expect(animated.length).toBeGreaterThan(5);
    expect(Math.min(...animated)).toBeLessThan(Math.max(...animated));
  });
});

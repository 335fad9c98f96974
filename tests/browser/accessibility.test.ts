import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChrome } from '../../scripts/lib/chrome.ts';
import { addAxe, audit, FindingLog, reinstallAxe } from './axe.ts';
import { openDeck, slideCount, waitForIndex } from './deck-page.ts';
import { servedTarget, type Target } from './targets.ts';

/**
 * axe-core over every slide of the built deck in the four ways it is seen: the slide view,
 * presenter mode (its notes and next-slide preview), the cloned projector window and the
 * reading view. No serious or critical violation is allowed; moderate and minor ones are
 * printed with the counts. Each slide is audited once its figures are in and its demos have
 * mounted (or failed), so nothing here depends on how fast the machine is.
 */

/** Visible slide in a window: its figures swapped in and every demo on it past loading. */
async function waitSlideReady(page: Page, index: number): Promise<void> {
  await waitForIndex(page, index);
  await page.waitForFunction(
    () => {
      const visible = document.querySelector('.remark-slides-area .remark-visible');
      if (!visible || visible.querySelector('.deck-figure-pending')) return false;
      const hosts = visible.querySelectorAll('.demo-host').length;
      const roots = [...visible.querySelectorAll<HTMLElement>('.demo-root')];
      return roots.length === hosts && roots.every((r) => r.dataset.demoStatus !== 'loading');
    },
    null,
    { timeout: 90_000 },
  );
}

function goto(page: Page, slide: number): Promise<void> {
  return page.evaluate((k) => {
    location.hash = `#${k}`;
  }, slide);
}

/**
 * Every slide by default. A measurement on a machine too busy for the whole walk can set
 * A11Y_STRIDE=n to audit slides 1, 1 + n, 1 + 2n, … (the summary line says how many).
 */
const STRIDE = Math.max(1, Number(process.env.A11Y_STRIDE ?? 1) || 1);
function slidesToAudit(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i + 1).filter((i) => (i - 1) % STRIDE === 0);
}

/** What the slide view and the clone show: the slide, and whatever the deck lays over it. */
const SLIDE_PARTS = ['.remark-slides-area .remark-visible', '.deck-sync-waiting'];
/** Presenter mode adds the notes, the next slide's preview and the toolbar. */
const PRESENTER_PARTS = [...SLIDE_PARTS, '.remark-preview-area', '.remark-notes-area'];

describe('accessibility (axe-core)', () => {
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

  async function newContext(): Promise<BrowserContext> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    await addAxe(context);
    return context;
  }

  it('finds a violation planted on a slide, with the hidden slides set aside during the audit and back in order after it', async () => {
    const context = await newContext();
    const page = await context.newPage();
    await openDeck(page, `${target.url}#3`);
    await waitSlideReady(page, 2);
    const order = () => page.evaluate(() => [...document.querySelectorAll('.remark-slides-area > .remark-slide-container')].map((el) => el.textContent?.slice(0, 40) ?? ''));
    const before = await order();
    await page.evaluate(() => {
      const faint = document.createElement('p');
      faint.className = 'planted';
      // On top of the slide, where it is seen whatever the slide holds.
      faint.style.cssText = 'position: absolute; top: 8px; left: 8px; margin: 0; z-index: 5; font-size: 20px; color: #c8c8c8; background: #ffffff';
      faint.textContent = 'Text too faint to read on a projector';
      document.querySelector('.remark-slides-area .remark-visible .remark-slide-content')!.append(faint);
    });
    const findings = await audit(page, SLIDE_PARTS);
    expect(findings.filter((f) => f.rule === 'color-contrast' && f.html.includes('planted'))).toHaveLength(1);
    expect(await order()).toEqual(before);
    await context.close();
  });

  it('finds no serious or critical violation on any slide of the slide view', { timeout: 1_200_000 }, async () => {
    const context = await newContext();
    const page = await context.newPage();
    await openDeck(page, `${target.url}#1`);
    const log = new FindingLog();
    // The page itself (language, title, landmarks) once; then each slide.
    log.add('page', await audit(page));
    const slides = slidesToAudit(await slideCount(page));
    for (const i of slides) {
      await goto(page, i);
      await waitSlideReady(page, i - 1);
      log.add(`slide ${i}`, await audit(page, SLIDE_PARTS));
    }
    console.info(log.summary(`slide view, ${slides.length} slides`));
    await context.close();
    expect(log.blocking()).toEqual([]);
  });

  it('finds none in presenter mode nor in the clone, on any slide', { timeout: 1_800_000 }, async () => {
    const context = await newContext();
    const page = await context.newPage();
    await openDeck(page, `${target.url}#1`);
    await page.keyboard.press('p');
    const [clone] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('c')]);
    await clone.waitForSelector('.remark-slides-area .remark-visible');
    await reinstallAxe(clone);
    await page.bringToFront();
    const presenter = new FindingLog();
    const cloned = new FindingLog();
    presenter.add('page', await audit(page));
    const slides = slidesToAudit(await slideCount(page));
    for (const i of slides) {
      await goto(page, i);
      await waitSlideReady(page, i - 1);
      await waitSlideReady(clone, i - 1);
      // The preview's demo snapshots are put in after the slide change.
      await page.waitForFunction(() => !document.querySelector('.remark-preview-area .deck-figure-pending'));
      const [own, shown] = await Promise.all([audit(page, PRESENTER_PARTS), audit(clone, SLIDE_PARTS)]);
      presenter.add(`slide ${i}`, own);
      cloned.add(`slide ${i}`, shown);
    }
    console.info(presenter.summary(`presenter mode, ${slides.length} slides`));
    console.info(cloned.summary(`clone, ${slides.length} slides`));
    await context.close();
    expect(presenter.blocking()).toEqual([]);
    expect(cloned.blocking()).toEqual([]);
  });

  it('reaches every demo control with Tab and shows a focus ring of 3:1 or more, and describes every demo in words', { timeout: 900_000 }, async () => {
    const context = await newContext();
    const page = await context.newPage();
    await openDeck(page, `${target.url}#1`);
    const demoSlides = await page.evaluate(() =>
      [...document.querySelectorAll('.remark-slides-area .remark-slide-container')].flatMap((s, i) => (s.querySelector('.demo-host') ? [i + 1] : [])),
    );
    const problems: string[] = [];
    let controls = 0;
    for (const slide of demoSlides) {
      await goto(page, slide);
      await waitSlideReady(page, slide - 1);
      await page.waitForSelector('.remark-slides-area .remark-visible .demo-root[data-demo-status="running"]', { timeout: 90_000 });
      const count = await page.evaluate(() => {
        const root = document.querySelector('.remark-slides-area .remark-visible .demo-root');
        const all = [...(root?.querySelectorAll<HTMLElement>('button, input, select, textarea, canvas[tabindex], a[href]') ?? [])].filter((el) => !(el as HTMLButtonElement).disabled);
        all[0]?.focus();
        return all.length;
      });
      controls += count;
      for (let k = 0; k < count; k++) {
        // The first control is reached from the second with Shift+Tab, so every ring shown is a keyboard focus.
        if (k === 0 && count > 1) {
          await page.keyboard.press('Tab');
          await page.keyboard.press('Shift+Tab');
        } else if (k > 0) {
          await page.keyboard.press('Tab');
        }
        const ring = await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          if (!el || !el.closest('.remark-visible .demo-root')) return { inDemo: false, what: el?.outerHTML.slice(0, 80) ?? 'nothing', visible: false, ratio: 0 };
          const style = getComputedStyle(el);
          const parse = (c: string) => (c.match(/[\d.]+/g) ?? []).map(Number);
          const lum = ([r, g, b]: number[]) => {
            const ch = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
            return 0.2126 * ch(r!) + 0.7152 * ch(g!) + 0.0722 * ch(b!);
          };
          let bg = [255, 255, 255];
          for (let e: Element | null = el.parentElement; e; e = e.parentElement) {
            const c = parse(getComputedStyle(e).backgroundColor);
            if ((c[3] ?? 1) > 0.5) {
              bg = c;
              break;
            }
          }
          const [a, b] = [lum(parse(style.outlineColor)), lum(bg)].sort((x, y) => y - x);
          const visible = el.matches(':focus-visible') && style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
          return { inDemo: true, what: el.outerHTML.slice(0, 80), visible, ratio: (a! + 0.05) / (b! + 0.05) };
        });
        if (!ring.inDemo) problems.push(`slide ${slide}: Tab left the demo after ${k} of ${count} controls (at ${ring.what})`);
        else if (!ring.visible || ring.ratio < 3) problems.push(`slide ${slide}: ${ring.what} has no visible focus ring (contrast ${ring.ratio.toFixed(2)})`);
      }
      // The text alternative names what the picture shows now, beyond the fixed summary.
      const label = await page.locator('.remark-slides-area .remark-visible .demo-root canvas[role="img"]').first().getAttribute('aria-label');
      if (!label?.includes('Now:')) problems.push(`slide ${slide}: the demo's text alternative does not describe its state: "${label}"`);
      await page.keyboard.press('Escape');
    }
    console.info(`keyboard: ${controls} demo controls on ${demoSlides.length} slides reached with Tab`);
    await context.close();
    expect(controls).toBeGreaterThan(demoSlides.length);
    expect(problems).toEqual([]);
  });

  it('finds none in the reading view, with every demo mounted in turn', { timeout: 1_200_000 }, async () => {
    const context = await newContext();
    const page = await context.newPage();
    await page.goto(target.url.replace(/index\.html$/, 'index.html?read'));
    await page.waitForSelector('.deck-reading .deck-reading-slide');
    await page.evaluate(() => document.fonts.ready);
    await page.waitForFunction(() => !document.querySelector('.deck-reading .deck-figure-pending'), null, { timeout: 20_000 });
    const log = new FindingLog();
    // Every slide's text, figures and exercises at once.
    log.add('whole page', await audit(page));
    const demoSlides = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('.deck-reading .deck-reading-slide')].filter((a) => a.querySelector('.demo-host')).map((a) => a.dataset.slide ?? ''),
    );
    for (const slide of demoSlides) {
      const article = `.deck-reading .deck-reading-slide[data-slide="${slide}"]`;
      await page.locator(article).evaluate((el) => scrollTo(0, el.getBoundingClientRect().top + scrollY - 8));
      await page.waitForFunction(
        (sel) => {
          const a = document.querySelector(sel);
          const hosts = a?.querySelectorAll('.demo-host').length ?? 0;
          const roots = [...(a?.querySelectorAll<HTMLElement>('.demo-root') ?? [])];
          return roots.length === hosts && roots.every((r) => r.dataset.demoStatus !== 'loading');
        },
        article,
        { timeout: 90_000 },
      );
      log.add(`slide ${Number(slide) + 1}`, await audit(page, [article]));
    }
    console.info(log.summary(`reading view, whole page and ${demoSlides.length} demo slides mounted`));
    await context.close();
    expect(demoSlides.length).toBeGreaterThan(5);
    expect(log.blocking()).toEqual([]);
  });
});

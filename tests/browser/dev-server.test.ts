import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchChrome } from '../../scripts/lib/chrome.ts';
import { containerHasClass, openDeck, visibleIndex, waitForIndex } from './deck-page.ts';
import { ROOT } from './targets.ts';

/**
 * `npm start` on a scratch copy of the fixture deck: saving a slide updates the deck in
 * place, and every kind of bad input shows up on the slide or in the problems panel while
 * the server and the rest of the deck keep working.
 */
describe('dev server', () => {
  let server: ViteDevServer;
  let browser: Browser;
  let page: Page;
  const slides = mkdtempSync(join(tmpdir(), 'deck-dev-'));
  const tour = join(slides, 'tour.md');
  const math = join(slides, 'math.md');
  let original: { tour: string; math: string };
  const edit = (file: string, from: string, to: string) => writeFileSync(file, readFileSync(file, 'utf8').replace(from, to));
  const problems = () => page.locator('.deck-diagnostics').innerText();
  /** Every update must reach the page without an error: a thrown reload leaves the deck and its problems panel stale. */
  const pageErrors: string[] = [];
  /** What the page's update client said, shown with a failure (an update it could not fetch is lost). */
  const hmrLog: string[] = [];

  beforeAll(async () => {
    cpSync(join(ROOT, 'tests/fixtures/dialect'), slides, { recursive: true });
    original = { tour: readFileSync(tour, 'utf8'), math: readFileSync(math, 'utf8') };
    process.env.DECK_SLIDES = slides;
    server = await createServer({ configFile: join(ROOT, 'vite.config.ts'), server: { port: 0, open: false }, logLevel: 'silent' });
    await server.listen();
    delete process.env.DECK_SLIDES;
    const url = server.resolvedUrls?.local[0];
    if (!url) throw new Error('dev server has no URL');
    browser = await launchChrome();
    page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error' || /\[hmr\]|\[vite\]/.test(m.text())) hmrLog.push(m.text());
    });
    await openDeck(page, `${url}#3`);
    await page.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    rmSync(slides, { recursive: true, force: true });
  });

  beforeEach(({ onTestFailed }) => {
    hmrLog.length = 0;
    onTestFailed(() => console.info(`what the page's update client said:\n${hmrLog.join('\n')}`));
  });

  afterEach(() => {
    expect(pageErrors.splice(0)).toEqual([]);
  });

  const sameDocument = () => page.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument === true);
  const slideText = (i: number) => page.locator('.remark-slides-area .remark-slide-content').nth(i).innerText();

  it('updates a saved slide in place, keeping the slide and presenter mode', async () => {
    await waitForIndex(page, 2);
    await page.keyboard.press('p');
    edit(tour, '# Content classes', '# Content classes, edited');
    await expect.poll(() => slideText(2), { timeout: 15_000 }).toContain('edited');
    expect(await visibleIndex(page)).toBe(2);
    expect(await containerHasClass(page, 'remark-presenter-mode')).toBe(true);
    expect(await sameDocument()).toBe(true);
  });

  it('shows a formula KaTeX cannot parse as a red box on its slide, with file and line', async () => {
    edit(math, 'Inline $\\mathbf{x_t}$', 'Inline $\\frac{1}{$');
    const box = page.locator('.remark-slides-area .deck-error');
    await expect.poll(() => box.count(), { timeout: 15_000 }).toBe(1);
    expect(await box.innerText()).toMatch(/math\.md:\d+/);
    expect(await page.locator('.remark-slides-area .katex').count()).toBeGreaterThan(5);
    expect(await problems()).toMatch(/math\.md:\d+: error: KaTeX cannot render/);
  });

  it('lists an unterminated $, an unknown template and layout with file and line', async () => {
    edit(math, 'Plain notes.', 'Plain notes with $x.');
    edit(tour, 'template: inverse', 'template: invers');
    edit(tour, 'layout: false', 'layout: maybe');
    await expect.poll(problems, { timeout: 15_000 }).toMatch(/unknown template "invers"/);
    const text = await problems();
    expect(text).toMatch(/tour\.md:\d+: error: unknown layout "maybe"/);
    expect(text).toMatch(/math\.md:\d+: error: unterminated inline math/);
    expect(await page.locator('.remark-slides-area .remark-slide-container').count()).toBeGreaterThan(5);
  });

  it('reports an order list that names a missing file, and a slide file it leaves out', async () => {
    writeFileSync(join(slides, 'extra.md'), '# Extra\n');
    writeFileSync(join(slides, 'order.txt'), 'tour.md\nmath.md\ngone.md\n');
    await expect.poll(problems, { timeout: 15_000 }).toMatch(/order\.txt:3: error: "gone\.md" is listed/);
    expect(await problems()).toMatch(/extra\.md: warning: not in .*order\.txt/);
    expect(await sameDocument()).toBe(true);
  });

  it('shows an empty deck as a message slide and a directory in the order as an error, and keeps running', async () => {
    const thrown: string[] = [];
    page.on('pageerror', (e) => thrown.push(e.message));
    mkdirSync(join(slides, 'folder.md'));
    writeFileSync(join(slides, 'order.txt'), 'folder.md\n');
    await expect.poll(problems, { timeout: 15_000 }).toMatch(/order\.txt:1: error: "folder\.md" is listed but .*folder\.md is a directory/);
    await expect.poll(() => slideText(0), { timeout: 15_000 }).toContain('This deck has no slides yet');
    rmSync(join(slides, 'folder.md'), { recursive: true });
    expect(thrown).toEqual([]);
    expect(await sameDocument()).toBe(true);
  });

  it('recovers when the files are fixed, without reloading the page', async () => {
    writeFileSync(tour, original.tour);
    writeFileSync(math, original.math);
    rmSync(join(slides, 'extra.md'));
    writeFileSync(join(slides, 'order.txt'), 'tour.md\nmath.md\n');
    await expect.poll(() => page.locator('.deck-diagnostics').count(), { timeout: 15_000 }).toBe(0);
    expect(await page.locator('.remark-slides-area .deck-error').count()).toBe(0);
    expect(await sameDocument()).toBe(true);
  });
});

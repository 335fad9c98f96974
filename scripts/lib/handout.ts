import { writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';

/** A4 at the CSS pixel's 96 per inch: the page the reading column is laid out for. */
const A4 = { width: 794, height: 1123 };
/** The printable width inside 12 mm margins: the column is laid out at the width it prints at. */
const PRINTABLE_WIDTH = 703;

/**
 * The handout: the reading view printed on A4, each slide with its notes under it. Every
 * demo is read past first, so it runs from its state and leaves a snapshot in its place;
 * print styles keep a slide and its notes together, which puts one or two on a page.
 * @returns the slides printed and the PDF's page count
 */
export async function writeHandout(browser: Browser, url: string, file: string): Promise<{ slides: number; pages: number }> {
  const page = await browser.newPage({ viewport: { width: PRINTABLE_WIDTH, height: A4.height } });
  await page.goto(`${url}${url.includes('?') ? '&' : '?'}read#1`);
  await page.waitForSelector('.deck-reading-slide');
  const hosts = await page.locator('.deck-reading .demo-host').count();
  for (let i = 0; i < hosts; i++) {
    const host = page.locator('.deck-reading .demo-host').nth(i);
    const id = await host.getAttribute('data-demo-id');
    await host.evaluate((el) => scrollTo(0, el.closest('.deck-reading-slide')!.getBoundingClientRect().top + scrollY - 8));
    await page.waitForSelector(`.deck-reading .demo-root[data-demo-id="${id}"]:not([data-demo-status="loading"])`, { timeout: 120_000 });
    await page.waitForTimeout(300);
  }
  // Reading on to the end frees the demos, and each leaves its snapshot in its place.
  await page.evaluate(() => scrollTo(0, document.body.scrollHeight));
  await page.waitForFunction(() => document.querySelectorAll('.deck-reading .demo-root').length === 0 || document.querySelectorAll('.deck-reading .demo-host img.demo-snapshot').length > 0, null, { timeout: 30_000 });
  await page.waitForTimeout(500);
  await page.evaluate(() => document.fonts.ready);
  const slides = await page.locator('.deck-reading-slide').count();
  await page.emulateMedia({ media: 'print' });
  // The page's own @page rule (A4 portrait, 12 mm margins) decides the paper.
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  writeFileSync(file, pdf);
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
  return { slides, pages };
}

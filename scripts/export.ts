// `npm run export -- FILE.pdf [--ratio=4:3]` writes the whole deck as a PDF, one page per
// slide, with every live demo printed as a snapshot of its state.
// `npm run export -- --handout FILE.pdf` writes a handout instead: the reading view on A4,
// each slide with its notes under it, one or two slides per page (see scripts/lib/handout.ts).
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildDeckTo } from './lib/build-deck.ts';
import { launchChrome } from './lib/chrome.ts';
import { parseCli, removeTemp } from './lib/cli.ts';
import { writeHandout } from './lib/handout.ts';

const USAGE = 'npm run export -- FILE.pdf [--ratio=4:3] | npm run export -- --handout FILE.pdf [--ratio=4:3]';
const { values, positionals } = parseCli(USAGE, { ratio: { type: 'string' }, handout: { type: 'boolean' } }, { min: 1, max: 1 });
const file = positionals[0]!;
if (!file.endsWith('.pdf') || (values.ratio !== undefined && values.ratio !== '4:3' && values.ratio !== '16:9')) {
  console.error(`the file name ends in .pdf and --ratio is 4:3 or 16:9\nusage: ${USAGE}`);
  process.exit(2);
}
const ratio = values.ratio === '4:3' ? '4:3' : '16:9';
const built = await buildDeckTo('single');
const url = pathToFileURL(join(built, 'index.html')).href + (ratio === '4:3' ? '?ratio=4:3' : '');
const browser = await launchChrome();
if (values.handout) {
  try {
    const { slides, pages } = await writeHandout(browser, url, resolve(file));
    console.info(`wrote a handout of ${slides} slides, each with its notes, on ${pages} A4 pages to ${resolve(file)}`);
  } finally {
    await browser.close();
    removeTemp(built);
  }
  process.exit(0);
}
try {
  const page = await browser.newPage({ viewport: ratio === '4:3' ? { width: 1024, height: 768 } : { width: 1280, height: 720 } });
  await page.goto(`${url}#1`);
  await page.waitForSelector('.remark-slides-area .remark-visible');
  const count = await page.locator('.remark-slides-area .remark-slide-container').count();
  // Show every slide once, so each demo runs and leaves a snapshot of its state.
  for (let n = 1; n <= count; n++) {
    await page.evaluate((i) => (location.hash = `#${i}`), n);
    // remark changes slide in the hashchange task, after this evaluate returns.
    await page.waitForFunction(
      (i) => document.querySelectorAll('.remark-slides-area .remark-slide-container')[i - 1]?.classList.contains('remark-visible') === true,
      n,
    );
    const hasDemo = await page.evaluate(
      (i) => document.querySelectorAll('.remark-slides-area .remark-slide-container')[i - 1]?.querySelector('.demo-host') !== null,
      n,
    );
    if (hasDemo) {
      await page.waitForFunction(
        () => {
          const roots = [...document.querySelectorAll<HTMLElement>('.remark-slides-area .remark-visible .demo-root')];
          return roots.length > 0 && roots.every((r) => r.dataset.demoStatus !== 'loading');
        },
        null,
        { timeout: 60_000 },
      );
      await page.waitForTimeout(300);
    }
  }
  await page.evaluate(() => (location.hash = '#1'));
  // Figures and later slides' content arrive just after the first paint; by now they are in, unless the page failed.
  await page.waitForFunction(() => document.querySelector('.deck-pending, .deck-figure-pending') === null);
  await page.evaluate(() => document.fonts.ready);
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
  writeFileSync(resolve(file), pdf);
  console.info(`wrote ${count} slides to ${resolve(file)}`);
} finally {
  await browser.close();
  removeTemp(built);
}

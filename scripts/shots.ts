// `npm run shots -- DIR [--single] [--ratio=4:3] [--slides=1,5,9]` writes a PNG of every slide
// (slide-001.png, …) and one of the presenter view (presenter.png) into DIR.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildDeckTo } from './lib/build-deck.ts';
import { launchChrome } from './lib/chrome.ts';
import { parseCli, removeTemp } from './lib/cli.ts';
import { serveDirectory } from './lib/static-server.ts';

const USAGE = 'npm run shots -- DIR [--single] [--ratio=4:3] [--slides=1,5,9]';
const { values, positionals } = parseCli(USAGE, { single: { type: 'boolean' }, ratio: { type: 'string' }, slides: { type: 'string' } }, { min: 1, max: 1 });
if (values.ratio !== undefined && values.ratio !== '4:3' && values.ratio !== '16:9') {
  console.error(`--ratio is 4:3 or 16:9, not "${values.ratio}"\nusage: ${USAGE}`);
  process.exit(2);
}
const single = values.single === true;
const ratio = values.ratio === '4:3' ? '4:3' : '16:9';
const only = values.slides?.split(',').map(Number);
if (only?.some((n) => !Number.isInteger(n) || n < 1)) {
  console.error(`--slides takes slide numbers such as 1,5,9, not "${values.slides}"\nusage: ${USAGE}`);
  process.exit(2);
}
const out = resolve(positionals[0]!);
mkdirSync(out, { recursive: true });

const built = await buildDeckTo(single ? 'single' : 'production');
const server = single ? undefined : await serveDirectory(built);
const base = server ? `${server.url}index.html` : pathToFileURL(join(built, 'index.html')).href;
const query = ratio === '4:3' ? '?ratio=4:3' : '';
const viewport = ratio === '4:3' ? { width: 1024, height: 768 } : { width: 1280, height: 720 };
const browser = await launchChrome();
try {
  const page = await browser.newPage({ viewport });
  await page.goto(`${base}${query}#1`);
  await page.waitForSelector('.remark-slides-area .remark-visible');
  await page.evaluate(() => document.fonts.ready);
  const count = await page.locator('.remark-slides-area .remark-slide-container').count();
  const wanted = only ?? Array.from({ length: count }, (_, i) => i + 1);
  for (const n of wanted) {
    await page.goto(`${base}${query}#${n}`);
    await page.waitForFunction(
      (i) => document.querySelectorAll('.remark-slides-area .remark-slide-container')[i - 1]?.classList.contains('remark-visible'),
      n,
    );
    // Figures and later slides' content arrive just after the first paint.
    await page.waitForFunction(() => document.querySelector('.remark-slides-area .remark-visible :is(.deck-pending, .deck-figure-pending)') === null);
    await page.evaluate(() => document.fonts.ready);
    // Live demos are shown once they have drawn (or failed, which the picture then shows).
    await page.waitForFunction(
      () => {
        const visible = document.querySelector('.remark-slides-area .remark-visible');
        const hosts = visible?.querySelectorAll('.demo-host').length ?? 0;
        const roots = [...(visible?.querySelectorAll<HTMLElement>('.demo-root') ?? [])];
        return roots.length === hosts && roots.every((r) => r.dataset.demoStatus !== 'loading');
      },
      null,
      { timeout: 60_000 },
    );
    if (await page.locator('.remark-slides-area .remark-visible .demo-root').count()) await page.waitForTimeout(1500);
    await page.screenshot({ path: join(out, `slide-${String(n).padStart(3, '0')}.png`) });
  }
  await page.goto(`${base}${query}#p${Math.min(count, 3)}`);
  await page.waitForSelector('.remark-presenter-mode');
  await page.evaluate(() => document.fonts.ready);
  await page.screenshot({ path: join(out, 'presenter.png') });
  console.info(`wrote ${wanted.length} slide(s) and presenter.png to ${out}`);
} finally {
  await browser.close();
  await server?.close();
  removeTemp(built);
}

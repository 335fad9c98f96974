/**
 * `npm run bench -- rnn`: LSTM training speed, op-by-op tfjs path vs the fused trainer,
 * in headless Chromium on every backend. Serves scripts/bench/rnn-page with Vite, drives
 * it with playwright-core, prints chars/s medians and the speed-up ratio.
 *
 * Options (as --name=value or --name value): --runs N (default 5), --min-ms M (per
 * run, default 1000), --backends webgl,wasm,cpu, --json FILE (also write the raw results).
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createServer } from 'vite';
import { launchChrome } from '../lib/chrome.ts';
import type { BenchCase, BenchRow } from './rnn-page/main.ts';

const CASES: BenchCase[] = [
  { hidden: 20, steps: 25, batch: 1 },
  { hidden: 100, steps: 25, batch: 1 },
  { hidden: 100, steps: 25, batch: 32 },
];

/** Reads `--name=value` (what survives the dispatcher's flag filter) or `--name value`. */
function option(args: string[], name: string): string | undefined {
  const eq = args.find((a) => a.startsWith(`${name}=`));
  if (eq) return eq.slice(name.length + 1);
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const fmt = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en-US') : x.toFixed(1));

export async function run(args: string[]): Promise<void> {
  const runs = Number(option(args, '--runs') ?? 5);
  const minMs = Number(option(args, '--min-ms') ?? 1000);
  const backends = (option(args, '--backends') ?? 'webgl,wasm,cpu').split(',');
  const jsonPath = option(args, '--json');
  if (!Number.isInteger(runs) || runs < 5) throw new RangeError(`--runs: expected an integer >= 5, got ${String(runs)}`);
  if (!Number.isFinite(minMs) || minMs <= 0) throw new RangeError(`--min-ms: expected a number > 0, got ${String(minMs)}`);

  const here = import.meta.dirname;
  const repo = path.resolve(here, '../..');
  const server = await createServer({
    root: path.join(here, 'rnn-page'),
    configFile: false,
    logLevel: 'error',
    cacheDir: path.join(repo, 'node_modules/.vite-bench-rnn'),
    server: { port: 0, host: '127.0.0.1', fs: { allow: [repo] }, hmr: false },
  });
  await server.listen();
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('bench: the page server did not report a URL');
  const browser = await launchChrome();
  const rows: BenchRow[] = [];
  try {
    for (const backend of backends) {
      // A fresh page per backend keeps one backend's memory and shaders out of another's timing.
      const page = await browser.newPage();
      page.on('pageerror', (e) => console.error(`[page] ${e.message}`));
      await page.goto(url);
      await page.waitForFunction(() => window.rnnBenchReady === true, undefined, { timeout: 120_000 });
      const result = await page.evaluate((o) => window.runRnnBench(o), { backend, cases: CASES, runs, minMs });
      await page.close();
      if ('error' in result) {
        console.warn(`${backend}: ${result.error}`);
        continue;
      }
      rows.push(...result);
      for (const r of result) {
        const n = median(r.naiveCharsPerSec), f = median(r.fastCharsPerSec);
        console.info(`${r.backend.padEnd(6)} LSTM h${r.hidden} seq ${r.steps} batch ${r.batch}: naive ${fmt(n)} chars/s, fused ${fmt(f)} chars/s, ${fmt(f / n)}x`);
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.info('\n| backend | LSTM | naive op-by-op (chars/s) | fused (chars/s) | ratio |\n|---|---|---:|---:|---:|');
  for (const r of rows) {
    const n = median(r.naiveCharsPerSec), f = median(r.fastCharsPerSec);
    console.info(`| ${r.backend} | hidden ${r.hidden} / seq ${r.steps} / batch ${r.batch} | ${fmt(n)} | ${fmt(f)} | ${fmt(f / n)}× |`);
  }
  console.info(`\nmedians of ${runs} runs of at least ${minMs} ms each`);
  if (jsonPath) writeFileSync(jsonPath, JSON.stringify({ runs, minMs, rows }, null, 2));
}

// Direct use: `npx tsx scripts/bench/rnn.ts [options]`.
if (import.meta.url === `file://${process.argv[1]}`) {
  run(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}

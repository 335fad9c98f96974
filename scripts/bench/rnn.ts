/**
 * `npm run bench -- rnn`: training speed of the fused trainers against the op-by-op tfjs
 * path in headless Chromium on every backend (chars/s medians, ratios, GFLOP/s beside a
 * 512×512 matMul peak), and, given recurrentjs's source file, against recurrentjs in Node.
 *
 * Options (--name=value or --name value): --runs N (default 5), --min-ms M (per run,
 * default 1000), --backends webgl,wasm,cpu (or none), --precisions float64,float32 (the
 * first is timed against tfjs on every backend, the others on their own page),
 * --recurrentjs PATH (recurrentjs's src/recurrent.js; not part of the project),
 * --json FILE (also write the raw page results).
 */
import { fork } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createServer } from 'vite';
import { launchChrome } from '../lib/chrome.ts';
import type { BenchCase, BenchOptions, BenchResult, BenchRow } from './rnn-page/main.ts';
import { fmt, median } from './rnn-stats.ts';

const CASES: BenchCase[] = [
  { cell: 'lstm', hidden: 20, steps: 25, batch: 1 },
  { cell: 'lstm', hidden: 100, steps: 25, batch: 1 },
  { cell: 'lstm', hidden: 100, steps: 25, batch: 32 },
  { cell: 'gru', hidden: 100, steps: 25, batch: 32 },
  { cell: 'rnn', hidden: 100, steps: 25, batch: 32 },
];

/** Reads `--name=value` or `--name value`. */
function option(args: string[], name: string): string | undefined {
  const eq = args.find((a) => a.startsWith(`${name}=`));
  if (eq) return eq.slice(name.length + 1);
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

type Precision = 'float32' | 'float64';

/** recurrentjs comparison, one child process per precision (see rnn-recurrentjs.ts). */
async function compareRecurrentjs(file: string, precisions: Precision[], runs: number, minMs: number): Promise<void> {
  for (const p of precisions) {
    const child = fork(path.join(import.meta.dirname, 'rnn-recurrentjs.ts'), [path.resolve(file), p, String(runs), String(minMs)], { stdio: 'inherit' });
    const code = await new Promise<number | null>((res) => child.on('exit', res));
    if (code !== 0) throw new Error(`recurrentjs comparison (${p}) exited with ${String(code)}`);
  }
}

const label = (r: BenchCase) => `${r.cell.toUpperCase()} h${r.hidden} / seq ${r.steps} / batch ${r.batch}`;

export async function run(args: string[]): Promise<void> {
  const runs = Number(option(args, '--runs') ?? 5);
  const minMs = Number(option(args, '--min-ms') ?? 1000);
  const backendArg = option(args, '--backends') ?? 'webgl,wasm,cpu';
  const backends = backendArg === 'none' ? [] : backendArg.split(',');
  const precisions = (option(args, '--precisions') ?? 'float64,float32').split(',') as Precision[];
  const recurrentjs = option(args, '--recurrentjs');
  const jsonPath = option(args, '--json');
  if (!Number.isInteger(runs) || runs < 5) throw new RangeError(`--runs: expected an integer >= 5, got ${String(runs)}`);
  if (!Number.isFinite(minMs) || minMs <= 0) throw new RangeError(`--min-ms: expected a number > 0, got ${String(minMs)}`);
  for (const p of precisions) if (p !== 'float32' && p !== 'float64') throw new RangeError(`--precisions: expected float32 and/or float64, got ${p}`);

  if (recurrentjs) await compareRecurrentjs(recurrentjs, precisions, runs, minMs);
  if (backends.length === 0) return;

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
  const results: BenchResult[] = [];
  // The first precision against tfjs on every backend; each other precision on a page of its own.
  const pages: BenchOptions[] = [
    ...backends.map((backend) => ({ backend, precision: precisions[0]!, naive: true, cases: CASES, runs, minMs })),
    ...precisions.slice(1).map((precision) => ({ backend: 'cpu', precision, naive: false, cases: CASES, runs, minMs })),
  ];
  try {
    for (const o of pages) {
      // A fresh page each time keeps one backend's memory, shaders and JIT state out of another's timing.
      const page = await browser.newPage();
      page.on('pageerror', (e) => console.error(`[page] ${e.message}`));
      await page.goto(url);
      await page.waitForFunction(() => window.rnnBenchReady === true, undefined, { timeout: 120_000 });
      const result = await page.evaluate((opts) => window.runRnnBench(opts), o);
      await page.close();
      if ('error' in result) {
        console.warn(`${o.backend}: ${result.error}`);
        continue;
      }
      results.push(result);
      for (const r of result.rows) {
        const n = r.naiveCharsPerSec.length ? `naive ${fmt(median(r.naiveCharsPerSec))} chars/s, ` : '';
        console.info(`${o.naive ? r.backend.padEnd(6) : 'fused '} ${label(r)}: ${n}fused ${r.precision} ${fmt(median(r.fastCharsPerSec))} chars/s`);
      }
    }
  } finally {
    await browser.close();
    await server.close();
  }
  report(results, precisions, runs, minMs);
  if (jsonPath) writeFileSync(jsonPath, JSON.stringify({ runs, minMs, results }, null, 2));
}

function report(results: BenchResult[], precisions: Precision[], runs: number, minMs: number): void {
  const rows = results.flatMap((r) => r.rows);
  const naive = rows.filter((r) => r.naiveCharsPerSec.length > 0);
  const backends = [...new Set(naive.map((r) => r.backend))];
  // The ratio is measured on the page of the fastest tfjs backend: fused and op-by-op runs alternate there, so load drift cancels.
  console.info(`\n| model | ${backends.map((b) => `tfjs ${b}`).join(' | ')} | ${precisions.map((p) => `fused ${p}`).join(' | ')} | fused ${precisions[0]} / fastest tfjs (same page) | fused GFLOP/s |`);
  console.info(`|---|${backends.map(() => '---:|').join('')}${precisions.map(() => '---:|').join('')}---:|---:|`);
  for (const c of CASES) {
    const same = (r: BenchRow) => r.cell === c.cell && r.hidden === c.hidden && r.batch === c.batch && r.steps === c.steps;
    const tfRates = backends.map((b) => naive.find((r) => same(r) && r.backend === b));
    // Every page times the fused path; per precision, the median over all its pages' runs.
    const fused = precisions.map((p) => median(rows.filter((r) => same(r) && r.precision === p).flatMap((r) => r.fastCharsPerSec)));
    const best = tfRates.reduce<BenchRow | undefined>((a, r) => (r && (!a || median(r.naiveCharsPerSec) > median(a.naiveCharsPerSec)) ? r : a), undefined);
    const ratio = best ? `${fmt(median(best.fastCharsPerSec.map((f, k) => f / best.naiveCharsPerSec[k]!)))}× (${best.backend})` : '-';
    const flops = rows.find(same)?.flopsPerChar ?? 0;
    console.info(`| ${label(c)} | ${tfRates.map((r) => (r ? fmt(median(r.naiveCharsPerSec)) : '-')).join(' | ')} | ${fused.map(fmt).join(' | ')} | ${ratio} | ${((Math.max(...fused) * flops) / 1e9).toFixed(2)} |`);
  }
  const peaks = results.flatMap((r, i) => [
    ...(r.tfMatMul512.length ? [`tfjs ${r.rows[0]?.backend ?? i} ${median(r.tfMatMul512).toFixed(2)}`] : []),
    `fused kernel ${r.rows[0]?.precision} (page ${i + 1}) ${median(r.kernelMatMul512).toFixed(2)}`,
  ]);
  console.info(`\nmatMul 512×512×512 GFLOP/s in the same run: ${peaks.join(', ')}`);
  console.info(`chars/s medians of ${runs} runs of at least ${minMs} ms each; fused GFLOP/s counts matrix-product flops (rnn-stats.ts flopsPerChar)`);
}

// Direct use: `npx tsx scripts/bench/rnn.ts [options]`.
if (import.meta.url === `file://${process.argv[1]}`) {
  run(process.argv.slice(2)).catch((e: unknown) => {
    console.error(e);
    process.exitCode = 1;
  });
}

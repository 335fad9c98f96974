import { parseCli } from './lib/cli.ts';

// `npm run bench -- [suite ...]` runs the named benchmark suites (all when none is named).
const SUITES: Record<string, () => Promise<{ run(args: string[]): Promise<void> }>> = {
  deck: () => import('./bench/deck.ts'),
  rnn: () => import('./bench/rnn.ts'),
  demos: () => import('./bench/demos.ts'),
  'demo-training': () => import('./bench/demo-training.ts'),
  slides: () => import('./bench/slides.ts'),
  training: () => import('./bench/training.ts'),
  reading: () => import('./bench/reading.ts'),
  race: () => import('./bench/race.ts'),
  char: () => import('./bench/char.ts'),
  gates: () => import('./bench/gates.ts'),
  teaching: () => import('./bench/teaching.ts'),
  soak: () => import('./bench/soak.ts'),
};
/** Suites run only when named: they take many minutes and are not part of a plain `npm run bench`. */
const ON_REQUEST = new Set(['soak']);

// Built from the suite list, so adding a suite is one line above.
const USAGE = `npm run bench -- ${Object.keys(SUITES).map((n) => `[${n}]`).join(' ')} [--runs N] [--min-ms M] [--backends webgl,wasm,cpu] [--precisions float64,float32] [--recurrentjs PATH] [--raster swiftshader|software] [--only demo,demo] [--json FILE] [--minutes M] [--walks N] [--concurrency K]`;
const { values, positionals } = parseCli(
  USAGE,
  {
    runs: { type: 'string' },
    'min-ms': { type: 'string' },
    backends: { type: 'string' },
    precisions: { type: 'string' },
    recurrentjs: { type: 'string' },
    json: { type: 'string' },
    raster: { type: 'string' },
    only: { type: 'string' },
    minutes: { type: 'string' },
    walks: { type: 'string' },
    concurrency: { type: 'string' },
  },
  { min: 0, max: Object.keys(SUITES).length },
);
// Suites read their options as --name=value.
const suiteArgs = Object.entries(values).map(([k, v]) => `--${k}=${String(v)}`);
const selected = positionals.length > 0 ? positionals : Object.keys(SUITES).filter((n) => !ON_REQUEST.has(n));
for (const name of selected) {
  const load = SUITES[name];
  if (!load) {
    console.error(`unknown benchmark suite "${name}"; known: ${Object.keys(SUITES).join(', ')}\nusage: ${USAGE}`);
    process.exit(2);
  }
  console.info(`\n== bench: ${name} ==`);
  const suite = await load();
  await suite.run(suiteArgs);
}
export {};

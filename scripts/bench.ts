import { parseCli } from './lib/cli.ts';

// `npm run bench -- [suite ...]` runs the named benchmark suites (all when none is named).
const SUITES: Record<string, () => Promise<{ run(args: string[]): Promise<void> }>> = {
  deck: () => import('./bench/deck.ts'),
  rnn: () => import('./bench/rnn.ts'),
  demos: () => import('./bench/demos.ts'),
};

const USAGE = 'npm run bench -- [deck] [rnn] [demos] [--runs N] [--min-ms M] [--backends webgl,wasm,cpu] [--json FILE]  (the options are the rnn suite\'s)';
const { values, positionals } = parseCli(
  USAGE,
  { runs: { type: 'string' }, 'min-ms': { type: 'string' }, backends: { type: 'string' }, json: { type: 'string' } },
  { min: 0, max: Object.keys(SUITES).length },
);
// Suites read their options as --name=value.
const suiteArgs = Object.entries(values).map(([k, v]) => `--${k}=${String(v)}`);
const selected = positionals.length > 0 ? positionals : Object.keys(SUITES);
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

// `npm run bench -- [suite ...]` runs the named benchmark suites (all when none is named).
const SUITES: Record<string, () => Promise<{ run(args: string[]): Promise<void> }>> = {
  deck: () => import('./bench/deck.ts'),
  rnn: () => import('./bench/rnn.ts'),
  demos: () => import('./bench/demos.ts'),
  slides: () => import('./bench/slides.ts'),
  training: () => import('./bench/training.ts'),
};

const args = process.argv.slice(2);
const names = args.filter((a) => !a.startsWith('-'));
const selected = names.length > 0 ? names : Object.keys(SUITES);
for (const name of selected) {
  const load = SUITES[name];
  if (!load) {
    console.error(`unknown benchmark suite "${name}"; known: ${Object.keys(SUITES).join(', ')}`);
    process.exit(2);
  }
  console.info(`\n== bench: ${name} ==`);
  const suite = await load();
  await suite.run(args.filter((a) => a.startsWith('-')));
}
export {};

// `npm run bench -- [suite ...]` runs the named benchmark suites (all when none is named).
const SUITES: Record<string, () => Promise<{ run(args: string[]): Promise<void> }>> = {
  deck: () => import('./bench/deck.ts'),
  rnn: () => import('./bench/rnn.ts'),
  demos: () => import('./bench/demos.ts'),
  slides: () => import('./bench/slides.ts'),
  training: () => import('./bench/training.ts'),
};

const args = process.argv.slice(2);
// Every option takes a value, written `--name=value` or `--name value`.
const names: string[] = [];
const options: string[] = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i]!;
  if (!a.startsWith('-')) names.push(a);
  else if (a.includes('=') || i + 1 >= args.length) options.push(a);
  else options.push(a, args[++i]!);
}
const selected = names.length > 0 ? names : Object.keys(SUITES);
for (const name of selected) {
  const load = SUITES[name];
  if (!load) {
    console.error(`unknown benchmark suite "${name}"; known: ${Object.keys(SUITES).join(', ')}`);
    process.exit(2);
  }
  console.info(`\n== bench: ${name} ==`);
  const suite = await load();
  await suite.run(options);
}
export {};

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDemoSpecs, specProblems, type SpecImporter } from '../../../src/build/demo-specs.ts';
import { defineSpec, type DemoSpec } from '../../../src/widgets/contract.ts';
import { check, defaultParams, defaultProblems, integer, param, stateSchema, text } from '../../../src/widgets/schema.ts';

/**
 * The demos' own schemas: every default fits its field, every initial state fits its
 * state schema and survives the trip through JSON (the URL, the clone), and states that
 * are garbage or out of range are refused rather than drawn.
 */

const root = join(import.meta.dirname, '../../..');
const specs = await loadDemoSpecs(root, (file) => import(file));

/** A toy spec whose default or initial state can be made to break its own schema. */
function toySpec(seedDefault: number, initialSeed = (p: { seed: number }) => p.seed): DemoSpec {
  return defineSpec({
    name: 'bad',
    title: 'Bad',
    summary: 'A spec that breaks its own schema.',
    height: 100,
    tfjs: false,
    params: { seed: param(integer(0, 10), seedDefault, 'seed'), word: param(text(3), 'abc', 'word') },
    state: () => stateSchema({ seed: integer(0, 10) }),
    initialState: (p) => ({ seed: initialSeed(p) }),
  }) as DemoSpec;
}

/** A project folder holding demos/bad/schema.ts, which loadDemoSpecs requires on disk. */
function folderWithBadDemo(): string {
  const dir = mkdtempSync(join(tmpdir(), 'specs-'));
  mkdirSync(join(dir, 'demos/bad'), { recursive: true });
  writeFileSync(join(dir, 'demos/bad/schema.ts'), '');
  return dir;
}

describe('the demos’ specs', () => {
  it('are the deck’s demos', () => {
    expect([...specs.keys()]).toEqual(['bptt', 'clipping', 'sentiment', 'sliding-window', 'unroll', 'vanishing']);
  });

  it.each([...specs.keys()])('%s: defaults fit their fields and the initial state fits the state schema', (name) => {
    const spec = specs.get(name)!;
    expect(defaultProblems(spec.params)).toEqual([]);
    expect(specProblems(spec)).toEqual([]);
  });

  it.each([...specs.keys()])('%s: the initial state round-trips through JSON and the state schema', (name) => {
    const spec = specs.get(name)!;
    const params = defaultParams(spec.params);
    const initial = spec.initialState(params);
    expect(check(spec.state(params), JSON.parse(JSON.stringify(initial)))).toEqual(initial);
  });

  it.each([...specs.keys()])('%s: garbage and out-of-range states give null', (name) => {
    const spec = specs.get(name)!;
    const params = defaultParams(spec.params);
    const schema = spec.state(params);
    const initial = spec.initialState(params) as Record<string, unknown>;
    const bad: unknown[] = [null, undefined, 42, 'state', [], [initial], {}, { ...initial, extra: 1 }];
    for (const key of Object.keys(initial)) {
      const { [key]: _missing, ...without } = initial;
      bad.push(without, { ...initial, [key]: { nested: true } });
      // Every number in these states is bounded (seeds, steps, frames, rates).
      if (typeof initial[key] === 'number') bad.push({ ...initial, [key]: 1e12 }, { ...initial, [key]: -1e12 }, { ...initial, [key]: Number.NaN });
    }
    for (const raw of bad) expect(check(schema, raw), JSON.stringify(raw)).toBeNull();
  });
});

describe('a spec that breaks its own schema', () => {
  it('has problems: a default outside its field, or an initial state outside the state schema', () => {
    expect(specProblems(toySpec(3))).toEqual([]);
    expect(specProblems(toySpec(11))).toEqual(['default of "seed" must be between 0 and 10, got 11']);
    const problems = specProblems(toySpec(3, () => 99));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^the initial state breaks the state schema: seed /);
  });

  it('makes loadDemoSpecs reject, naming the schema file', async () => {
    const dir = folderWithBadDemo();
    const importer = (spec: DemoSpec): SpecImporter => () => Promise.resolve({ default: spec });
    await expect(loadDemoSpecs(dir, importer(toySpec(3)))).resolves.toHaveProperty('size', 1);
    await expect(loadDemoSpecs(dir, importer(toySpec(11)))).rejects.toThrow('demos/bad/schema.ts: default of "seed" must be between 0 and 10, got 11');
    await expect(loadDemoSpecs(dir, importer(toySpec(3, () => -1)))).rejects.toThrow(/demos\/bad\/schema\.ts: the initial state breaks the state schema/);
    await expect(loadDemoSpecs(dir, importer({ ...toySpec(3), name: 'other' }))).rejects.toThrow('demos/bad/schema.ts: "name" is "other", expected "bad"');
  });
});

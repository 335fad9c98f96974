import { describe, expect, it } from 'vitest';
import { compileDeck } from '../../../src/build/compile-deck.ts';
import { demoPlacement, findDemoFences } from '../../../src/build/demo-fences.ts';
import { loadDemoSpecs, specProblems } from '../../../src/build/demo-specs.ts';
import { defineSpec, type DemoSpec } from '../../../src/widgets/contract.ts';
import { choice, flag, integer, number, param, stateSchema, text, validateParams } from '../../../src/widgets/schema.ts';
import { join } from 'node:path';

const manifest = defineSpec({
  name: 'toy',
  title: 'Toy',
  summary: 'A toy.',
  tfjs: false,
  height: 200,
  params: {
    seed: param(integer(0, 100), 1, 'seed'),
    rate: param(number(0, 1), 0.5, 'rate'),
    word: param(text(5, /^[a-z]+$/), 'hi', 'word'),
    on: param(flag(), true, 'on'),
    act: param(choice(['tanh', 'relu']), 'tanh', 'act'),
  },
  state: () => stateSchema({ seed: integer(0, 100) }),
  initialState: (p) => ({ seed: p.seed }),
}) as DemoSpec;

describe('validateParams', () => {
  it('fills defaults and parses every type', () => {
    expect(validateParams(manifest, '')).toEqual({ values: { seed: 1, rate: 0.5, word: 'hi', on: true, act: 'tanh' }, problems: [] });
    const r = validateParams(manifest, 'seed: 7\nrate: 0.25\nword: "abc"\non: false\nact: relu\n# a comment');
    expect(r).toEqual({ values: { seed: 7, rate: 0.25, word: 'abc', on: false, act: 'relu' }, problems: [] });
  });

  it('names the line and the problem for each bad value', () => {
    const r = validateParams(manifest, 'seed: 1.5\nrate: 2\nword: TOOLONGWORD\non: yes\nact: gelu\ncolour: red\nnonsense\nseed: 3');
    expect(r.problems.map((p) => [p.line, p.message])).toEqual([
      [1, '"seed" must be a whole number, got 1.5'],
      [2, '"rate" must be between 0 and 1, got 2'],
      [3, '"word" must be at most 5 characters, got "TOOLONGWORD"'],
      [4, '"on" must be a boolean, got "yes"'],
      [5, '"act" must be one of tanh, relu, got "gelu"'],
      [6, 'unknown parameter "colour" for demo "toy" (known: seed, rate, word, on, act, and id)'],
      [7, 'expected "key: value", got "nonsense"'],
      [8, 'parameter "seed" is given twice'],
    ]);
  });
});

describe('demo fences', () => {
  const text = '# Slide\n\n```demo:toy\nseed: 5\n```\n\n```js\nnot a demo\n```\n\n```demo:toy\nrate: 9\n```\n';

  it('finds demo fences with their lines and bodies', () => {
    const fences = findDemoFences(text);
    expect(fences.map((f) => [f.name, f.line, f.body])).toEqual([
      ['toy', 3, 'seed: 5'],
      ['toy', 11, 'rate: 9'],
    ]);
  });

  it('turns a valid fence into a host with validated parameters and a bad one into an error box', () => {
    const [good, bad] = findDemoFences(text);
    const manifests = new Map([['toy', manifest]]);
    const ok = demoPlacement(good!, 'slides/a.md', manifests);
    expect(ok.problems).toEqual([]);
    expect(ok.html).toContain('data-demo="toy"');
    expect(ok.html).toContain('data-demo-id="a-toy"');
    expect(ok.html).toContain('data-demo-origin="slides/a.md:3"');
    expect(ok.html).toContain('&#34;seed&#34;:5');
    const no = demoPlacement(bad!, 'slides/a.md', manifests);
    expect(no.problems).toEqual([{ line: 12, message: '"rate" must be between 0 and 1, got 9' }]);
    expect(no.html).toContain('deck-error');
    expect(no.html).toContain('slides/a.md:11');
  });

  it('warns at build time, with file and line, and leaves the rest of the deck alone', () => {
    const deck = compileDeck(
      [{ file: 'slides/a.md', path: '/x/slides/a.md', text: '# A\n\n```demo:missing\n```\n---\n# B $x_t$\n' }],
      [],
      new Map([['toy', manifest]]),
    );
    expect(deck.diagnostics).toEqual([{ level: 'warning', file: 'slides/a.md', line: 3, message: 'unknown demo "missing" (known: toy)' }]);
    expect(deck.fragments.some((f) => f.includes('katex'))).toBe(true);
  });

  it('loads the specs of the demos folder, named after their folders', async () => {
    const specs = await loadDemoSpecs(join(import.meta.dirname, '../../..'), (file) => import(file));
    expect([...specs.keys()]).toEqual(['bptt', 'clipping', 'sentiment', 'sliding-window', 'unroll', 'vanishing']);
    for (const [name, spec] of specs) {
      expect(spec.name).toBe(name);
      expect(specProblems(spec), name).toEqual([]);
      expect(validateParams(spec, '').problems, name).toEqual([]);
    }
  });
});

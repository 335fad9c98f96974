import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDemoSpecs } from '../../../src/build/demo-specs.ts';
import { defaultParams } from '../../../src/widgets/schema.ts';
import { describeNonFinite, nonFinitePath } from '../../../src/widgets/finite.ts';
import { DEMO_FOLDERS } from '../../demo-folders.ts';

describe('nonFinitePath', () => {
  it('finds the first NaN or infinity anywhere in a state, with its path', () => {
    expect(nonFinitePath({ step: 3, loss: 0.5, curve: [[1, 2], [3, 4]] })).toBeNull();
    expect(nonFinitePath({ step: 3, loss: Number.NaN })).toBe('loss');
    expect(nonFinitePath({ curve: [[1, 2], [3, Number.POSITIVE_INFINITY]] })).toBe('curve[1][1]');
    expect(nonFinitePath({ a: { b: [0, { c: -Infinity }] } })).toBe('a.b[1].c');
    expect(nonFinitePath(Number.NaN)).toBe('value');
    expect(nonFinitePath({ w: Float32Array.of(1, Number.NaN) })).toBe('w[1]');
  });

  it('leaves strings, booleans and null alone (a metric that is not known yet is null)', () => {
    expect(nonFinitePath({ text: 'NaN', weights: null, training: true, sample: '' })).toBeNull();
  });

  it('names the value at the path', () => {
    const state = { curve: [[1, Number.NaN]], loss: -Infinity };
    expect(describeNonFinite(state, nonFinitePath(state)!)).toBe('NaN');
    expect(describeNonFinite({ loss: -Infinity }, 'loss')).toBe('-Infinity');
  });

  it('finds nothing in any demo\'s initial state (the guard never stops a healthy demo)', async () => {
    const specs = await loadDemoSpecs(join(import.meta.dirname, '../../..'), (file) => import(file));
    expect([...specs.keys()]).toEqual(DEMO_FOLDERS);
    for (const [name, spec] of specs) {
      expect(nonFinitePath(spec.initialState(defaultParams(spec.params))), name).toBeNull();
    }
  });
});

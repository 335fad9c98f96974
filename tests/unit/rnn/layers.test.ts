import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CellSpec, ModelSpec } from '../../../src/rnn/index.ts';
import { Rng, initParams } from '../../../src/rnn/index.ts';
import { RnnModel } from '../../../src/rnn/tf/index.ts';
import { relError, useCpu } from './helpers.ts';

beforeAll(useCpu);

const I = 3, H = 5, B = 2, T = 6;

function compare(cell: CellSpec, make: () => tf.layers.Layer) {
  const spec: ModelSpec = { input: { kind: 'dense', size: I }, layers: [{ cell }], head: { kind: 'linear', size: 1, at: 'every' } };
  const ps = initParams(spec, { seed: 3 });
  // Non-zero biases so a bias layout mistake cannot hide.
  const bias = ps['layer0.fw.b']!;
  const rng = new Rng(4);
  for (let i = 0; i < bias.data.length; i++) bias.data[i] = 0.3 * rng.normal();
  const inputs = Float64Array.from({ length: B * T * I }, () => rng.normal());
  const model = RnnModel.fromParams(tf, spec, ps);
  const trace = model.trace({ batchSize: B, steps: T, inputValues: inputs, targetValues: new Float64Array(B * T) });
  model.dispose();
  const ours = trace.gates[0]![0]!['h']!; // [T][B][H]
  const layer = make();
  const x = tf.tensor3d(Float32Array.from(inputs), [B, T, I]);
  tf.dispose(layer.apply(x) as tf.Tensor);
  const t = (k: string) => tf.tensor(Float32Array.from(ps[`layer0.fw.${k}`]!.data), [...ps[`layer0.fw.${k}`]!.shape]);
  const w = [t('W'), t('U'), t('b')];
  layer.setWeights(w);
  const y = layer.apply(x) as tf.Tensor3D; // [B, T, H]
  const theirs = y.arraySync();
  tf.dispose([x, y, ...w]);
  layer.dispose();
  const a: number[] = [], b: number[] = [];
  for (let bb = 0; bb < B; bb++) for (let tt = 0; tt < T; tt++) for (let j = 0; j < H; j++) {
    a.push(ours[tt]![bb]![j]!);
    b.push(theirs[bb]![tt]![j]!);
  }
  expect(relError(a, b)).toBeLessThan(1e-5);
  expect(Math.max(...a.map(Math.abs))).toBeGreaterThan(0.05);
}

describe('forward outputs equal tf.layers given identical weights', () => {
  for (const activation of ['tanh', 'relu', 'sigmoid', 'linear'] as const) {
    it(`simpleRNN ${activation}`, () => compare({ kind: 'rnn', hiddenSize: H, activation }, () => tf.layers.simpleRNN({ units: H, activation, returnSequences: true })));
  }
  it('lstm (gate order i|f|c|o)', () => compare({ kind: 'lstm', hiddenSize: H }, () => tf.layers.lstm({ units: H, recurrentActivation: 'sigmoid', returnSequences: true })));
  it('gru (gate order z|r|h, h = z·h_prev + (1−z)·h̃)', () => compare({ kind: 'gru', hiddenSize: H }, () => tf.layers.gru({ units: H, recurrentActivation: 'sigmoid', returnSequences: true })));
});

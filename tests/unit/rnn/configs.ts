import type { Batch, ModelSpec } from '../../../src/rnn/index.ts';
import { Rng } from '../../../src/rnn/index.ts';

export interface Case {
  name: string;
  spec: ModelSpec;
  batch: Batch;
}

function denseBatch(seed: number, B: number, T: number, I: number, head: ModelSpec['head']): Batch {
  const rng = new Rng(seed);
  const inputValues = Float64Array.from({ length: B * T * I }, () => rng.normal());
  const nOut = head.at === 'every' ? B * T : B;
  if (head.kind === 'softmax') return { batchSize: B, steps: T, inputValues, targetIndices: Int32Array.from({ length: nOut }, () => rng.int(head.classes)) };
  return { batchSize: B, steps: T, inputValues, targetValues: Float64Array.from({ length: nOut * head.size }, () => rng.normal()) };
}

function tokenBatch(seed: number, B: number, T: number, V: number, C: number, at: 'every' | 'last'): Batch {
  const rng = new Rng(seed);
  return {
    batchSize: B,
    steps: T,
    inputIndices: Int32Array.from({ length: B * T }, () => rng.int(V)),
    targetIndices: Int32Array.from({ length: at === 'every' ? B * T : B }, () => rng.int(C)),
  };
}

const soft = { kind: 'softmax', classes: 3, at: 'every' } as const;

/** Small models covering every cell, activation, wrapper, head and input kind. */
export const CASES: Case[] = [
  ...(['tanh', 'sigmoid', 'relu', 'linear'] as const).map((activation, i) => ({
    name: `rnn ${activation}`,
    spec: { input: { kind: 'dense', size: 3 }, layers: [{ cell: { kind: 'rnn', hiddenSize: 4, activation } }], head: soft } as ModelSpec,
    batch: denseBatch(10 + i, 2, 5, 3, soft),
  })),
  { name: 'lstm', spec: { input: { kind: 'dense', size: 3 }, layers: [{ cell: { kind: 'lstm', hiddenSize: 4, forgetBias: 1 } }], head: soft }, batch: denseBatch(20, 2, 5, 3, soft) },
  { name: 'lstm peephole', spec: { input: { kind: 'dense', size: 3 }, layers: [{ cell: { kind: 'lstm', hiddenSize: 3, peephole: true } }], head: soft }, batch: denseBatch(21, 2, 5, 3, soft) },
  { name: 'gru', spec: { input: { kind: 'dense', size: 3 }, layers: [{ cell: { kind: 'gru', hiddenSize: 4 } }], head: soft }, batch: denseBatch(22, 2, 5, 3, soft) },
  {
    name: 'stacked rnn+lstm, one-hot, softmax every',
    spec: { input: { kind: 'onehot', vocab: 5 }, layers: [{ cell: { kind: 'rnn', hiddenSize: 3 } }, { cell: { kind: 'lstm', hiddenSize: 3 } }], head: { kind: 'softmax', classes: 5, at: 'every' } },
    batch: tokenBatch(30, 2, 4, 5, 5, 'every'),
  },
  {
    name: 'bidirectional gru, embedding, softmax last',
    spec: { input: { kind: 'embedding', vocab: 6, dim: 2 }, layers: [{ cell: { kind: 'gru', hiddenSize: 3 }, bidirectional: true }], head: { kind: 'softmax', classes: 4, at: 'last' } },
    batch: tokenBatch(31, 2, 4, 6, 4, 'last'),
  },
  {
    name: 'stacked bidirectional lstm + rnn, linear every',
    spec: { input: { kind: 'dense', size: 2 }, layers: [{ cell: { kind: 'lstm', hiddenSize: 2 }, bidirectional: true }, { cell: { kind: 'rnn', hiddenSize: 3 } }], head: { kind: 'linear', size: 2, at: 'every' } },
    batch: denseBatch(32, 2, 4, 2, { kind: 'linear', size: 2, at: 'every' }),
  },
  {
    name: 'rnn, linear last',
    spec: { input: { kind: 'dense', size: 2 }, layers: [{ cell: { kind: 'rnn', hiddenSize: 4 } }], head: { kind: 'linear', size: 1, at: 'last' } },
    batch: denseBatch(33, 3, 6, 2, { kind: 'linear', size: 1, at: 'last' }),
  },
];

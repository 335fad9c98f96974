/** Text generation from a character model: each sampled character is fed back in as the next input. */
import { Rng, sampleWithTemperature, type CharCorpus, type ModelSpec, type ParamSet } from '../../src/rnn/index.ts';
import { refCell } from '../../src/rnn/ref/cells.ts';
import { cellWeights } from '../../src/rnn/ref/network.ts';

/**
 * `length` characters after `prime` (which is read first, teacher-forced), sampled at
 * `temperature` with a seeded generator. One layer, one-hot input, softmax head.
 */
export function sampleText(spec: ModelSpec, ps: ParamSet, corpus: CharCorpus, options: { prime: string; length: number; temperature: number; seed: number }): string {
  const V = corpus.vocab.length;
  const cell = refCell(spec.layers[0]!.cell, V);
  const w = cellWeights(ps, 'layer0.fw');
  const head = ps['head.V']!.data;
  const bias = ps['head.c']!.data;
  const H = cell.hiddenSize;
  const rng = new Rng(options.seed);
  let state: Float64Array = new Float64Array(cell.stateSize);
  const logits = new Float64Array(V);
  const x = new Float64Array(V);
  const read = (id: number) => {
    x.fill(0);
    x[id] = 1;
    state = cell.forward(w, x, state).state;
    logits.set(bias);
    for (let i = 0; i < H; i++) {
      const h = state[i]!;
      for (let j = 0; j < V; j++) logits[j]! += h * head[i * V + j]!;
    }
  };
  for (const id of corpus.encode(options.prime)) read(id);
  const out: number[] = [];
  for (let n = 0; n < options.length; n++) {
    const next = sampleWithTemperature(rng, logits, options.temperature);
    out.push(next);
    read(next);
  }
  return corpus.decode(out);
}

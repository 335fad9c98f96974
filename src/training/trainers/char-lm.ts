/**
 * A character language model of any cell (vanilla RNN, LSTM, GRU) trained with the fused
 * trainer on one window of the text per step, at an offset drawn from the seed and the step
 * number (so a resumed job sees the windows an uninterrupted one would). Random offsets, not
 * char-lstm's fixed sweep: with windows always at the same places, a model learns each
 * window's start by heart and its loss says little about the text; sampled on and on from
 * one state, it then wanders. The state carries the mean loss of the last pass's worth of
 * windows (`extra.passLoss`, nats per character): where training stands on the whole text.
 */
import type { CellKind, ModelSpec } from '../../rnn/spec.ts';
import type { ClipSpec } from '../../rnn/clip.ts';
import type { OptimizerSpec } from '../../rnn/optim.ts';
import { FusedTrainer } from '../../rnn/fast/trainer.ts';
import { initParams } from '../../rnn/spec.ts';
import { Rng } from '../../rnn/random.ts';
import { charCorpus } from '../../rnn/tasks/chars.ts';
import type { Batch } from '../../rnn/batch.ts';
import type { TrainerState } from '../job.ts';
import type { TrainerDefinition, TrainerSession } from '../registry.ts';

export interface CharLmConfig {
  text: string;
  cell: CellKind;
  hiddenSize: number;
  /** Characters per training window (the BPTT length); capped at the text's length − 1. Windows start from a zero state. */
  seqLength: number;
  optimizer: OptimizerSpec;
  clip?: ClipSpec;
  /** Fixes the vocabulary order; default: the text's characters in order of first appearance. */
  vocab?: string[];
}

const CELLS: readonly CellKind[] = ['rnn', 'lstm', 'gru'];

function readConfig(config: unknown): CharLmConfig {
  if (typeof config !== 'object' || config === null) throw new RangeError('config: expected an object with text, cell, hiddenSize, seqLength and optimizer');
  const c = config as Partial<CharLmConfig>;
  if (typeof c.text !== 'string') throw new RangeError('config.text: expected a string');
  if (!CELLS.includes(c.cell as CellKind)) throw new RangeError(`config.cell: expected one of ${CELLS.join(', ')}, got ${JSON.stringify(c.cell)}`);
  if (typeof c.hiddenSize !== 'number') throw new RangeError('config.hiddenSize: expected a number');
  if (typeof c.seqLength !== 'number') throw new RangeError('config.seqLength: expected a number');
  if (typeof c.optimizer !== 'object' || c.optimizer === null) throw new RangeError('config.optimizer: expected an optimizer description');
  return c as CharLmConfig;
}

/** One-hot characters in, one cell layer, a softmax over the vocabulary at every step. The LSTM's forget bias starts at 1. */
export function charLmSpec(cell: CellKind, vocabSize: number, hiddenSize: number): ModelSpec {
  return {
    input: { kind: 'onehot', vocab: vocabSize },
    layers: [{ cell: cell === 'lstm' ? { kind: 'lstm', hiddenSize, forgetBias: 1 } : cell === 'rnn' ? { kind: 'rnn', hiddenSize, activation: 'tanh' } : { kind: 'gru', hiddenSize } }],
    head: { kind: 'softmax', classes: vocabSize, at: 'every' },
  };
}

/** The training window of step `step`: `length` characters at an offset drawn from the seed and the step. */
export function charLmWindow(ids: Int32Array, seed: number, step: number, length: number): Batch {
  const start = new Rng(seed * 1_000_003 + step).int(ids.length - length);
  return { batchSize: 1, steps: length, inputIndices: ids.slice(start, start + length), targetIndices: ids.slice(start + 1, start + length + 1) };
}

class CharLmSession implements TrainerSession {
  private steps: number;
  /** Losses of the steps of the current pass (one per window). */
  private readonly recent: number[] = [];
  private readonly windowsPerPass: number;
  private passLoss: number;

  constructor(
    private readonly trainer: FusedTrainer,
    private readonly corpus: ReturnType<typeof charCorpus>,
    private readonly seqLength: number,
    private readonly seed: number,
    initial: TrainerState | undefined,
  ) {
    this.steps = initial?.step ?? 0;
    this.passLoss = initial?.extra.passLoss ?? NaN;
    this.windowsPerPass = Math.max(1, Math.floor((corpus.ids.length - 1) / seqLength));
  }

  step(): number {
    const batch = charLmWindow(this.corpus.ids, this.seed, this.steps, this.seqLength);
    this.steps++;
    const loss = this.trainer.trainStep(batch).loss;
    this.recent.push(loss);
    if (this.recent.length > this.windowsPerPass) this.recent.shift();
    // Until one whole pass is seen, the mean of what was seen; skipped (non-finite) steps do not count.
    const finite = this.recent.filter(Number.isFinite);
    if (finite.length > 0) this.passLoss = finite.reduce((a, b) => a + b, 0) / finite.length;
    return loss;
  }

  state(): TrainerState {
    return { step: this.steps, params: this.trainer.getParams(), extra: { passLoss: this.passLoss } };
  }
}

export const charLmTrainer: TrainerDefinition = {
  name: 'char-lm',
  create(config, seed, initial) {
    const c = readConfig(config);
    const corpus = charCorpus(c.text, c.vocab);
    const spec = charLmSpec(c.cell, corpus.vocab.length, c.hiddenSize);
    const params = initial?.params ?? initParams(spec, { seed });
    const trainer = new FusedTrainer(spec, params, { optimizer: c.optimizer, ...(c.clip ? { clip: c.clip } : {}) });
    return new CharLmSession(trainer, corpus, Math.min(c.seqLength, corpus.ids.length - 1), seed, initial);
  },
};

/**
 * A character-level LSTM language model trained with the fused trainer, sweeping
 * through the text in consecutive windows (min-char-rnn's schedule): one-hot characters
 * in, a softmax over the vocabulary at every step.
 */
import { FusedTrainer } from '../../rnn/fast/trainer.ts';
import type { ClipSpec } from '../../rnn/clip.ts';
import type { OptimizerSpec } from '../../rnn/optim.ts';
import type { ParamSet } from '../../rnn/params.ts';
import type { ModelSpec } from '../../rnn/spec.ts';
import { initParams } from '../../rnn/spec.ts';
import { charCorpus, charSweep } from '../../rnn/tasks/chars.ts';
import type { TrainerState } from '../job.ts';
import type { TrainerDefinition, TrainerSession } from '../registry.ts';

export interface CharLstmConfig {
  text: string;
  hiddenSize: number;
  /** Characters per training window (the BPTT length). */
  seqLength: number;
  optimizer: OptimizerSpec;
  clip?: ClipSpec;
  /** Fixes the vocabulary order; default: the text's characters in order of first appearance. */
  vocab?: string[];
  /** Initial forget-gate bias; default 1. */
  forgetBias?: number;
}

function readConfig(config: unknown): CharLstmConfig {
  if (typeof config !== 'object' || config === null) throw new RangeError('config: expected an object with text, hiddenSize, seqLength and optimizer');
  const c = config as Partial<CharLstmConfig>;
  if (typeof c.text !== 'string') throw new RangeError('config.text: expected a string');
  if (typeof c.hiddenSize !== 'number') throw new RangeError('config.hiddenSize: expected a number');
  if (typeof c.seqLength !== 'number') throw new RangeError('config.seqLength: expected a number');
  if (typeof c.optimizer !== 'object' || c.optimizer === null) throw new RangeError('config.optimizer: expected an optimizer description');
  return c as CharLstmConfig;
}

export function charLstmSpec(vocabSize: number, hiddenSize: number, forgetBias = 1): ModelSpec {
  return {
    input: { kind: 'onehot', vocab: vocabSize },
    layers: [{ cell: { kind: 'lstm', hiddenSize, forgetBias } }],
    head: { kind: 'softmax', classes: vocabSize, at: 'every' },
  };
}

class CharLstmSession implements TrainerSession {
  private position: number;
  private steps: number;

  constructor(
    private readonly trainer: FusedTrainer,
    private readonly corpus: ReturnType<typeof charCorpus>,
    private readonly seqLength: number,
    initial: TrainerState | undefined,
  ) {
    this.position = initial?.extra.position ?? 0;
    this.steps = initial?.step ?? 0;
  }

  step(): number {
    const { batch, next } = charSweep(this.corpus, this.position, this.seqLength);
    this.position = next;
    this.steps++;
    return this.trainer.trainStep(batch).loss;
  }

  state(): TrainerState {
    return { step: this.steps, params: this.trainer.getParams(), extra: { position: this.position } };
  }
}

export const charLstmTrainer: TrainerDefinition = {
  name: 'char-lstm',
  create(config, seed, initial) {
    const c = readConfig(config);
    const corpus = charCorpus(c.text, c.vocab);
    const spec = charLstmSpec(corpus.vocab.length, c.hiddenSize, c.forgetBias ?? 1);
    const params: ParamSet = initial?.params ?? initParams(spec, { seed });
    const trainer = new FusedTrainer(spec, params, { optimizer: c.optimizer, ...(c.clip ? { clip: c.clip } : {}) });
    return new CharLstmSession(trainer, corpus, c.seqLength, initial);
  },
};

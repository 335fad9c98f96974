import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import demo from '../../../demos/sentiment/index.ts';
import { encode, epochOrder, padBatch, PAD, sentimentData, tokenize, UNKNOWN } from '../../../demos/sentiment/data.ts';
import { LayersReader } from '../../../demos/sentiment/inference.ts';
import { buildModel, CELLS, coreSpec, decodeWeights, encodedLength, encodeWeights, readModelWeights, seededParams, type CellName } from '../../../demos/sentiment/model.ts';
import { derivePicture, evaluator, paramsOf } from '../../../demos/sentiment/picture.ts';
import { evaluate, readIds } from '../../../demos/sentiment/reference.ts';
import manifest, { EPOCHS_PER_RUN, type SentimentParams, type SentimentState } from '../../../demos/sentiment/schema.ts';
import { parseSentences, SENTENCES } from '../../../demos/sentiment/sentences.ts';
import { sentimentJob, epochReported, stepsPerEpoch, type EpochFigures } from '../../../demos/sentiment/training.ts';
import { layersTrainers } from '../../../src/training/layers-trainers.ts';
import { JobRunner } from '../../../src/training/job-runner.ts';
import { check, validateParams } from '../../../src/widgets/schema.ts';

const params = validateParams(manifest, 'seed: 1').values as SentimentParams;
const parseState = (raw: unknown) => check(manifest.state(params), raw);
const data = sentimentData();
const V = data.vocab.length;

/** P(positive) of a pre-padded batch from the tf.layers model, [N]. */
function layersPredict(cell: CellName, ps: ReturnType<typeof seededParams>, rows: number[][]): number[] {
  const model = buildModel(tf, cell, V, ps);
  try {
    const { ids, steps } = padBatch(rows);
    return tf.tidy(() => Array.from((model.predict(tf.tensor2d(ids, [rows.length, steps], 'int32')) as tf.Tensor).dataSync()));
  } finally {
    model.dispose();
  }
}

/**
 * Trains `epochs` epochs as the demo does: the job it hands the tf.layers training worker,
 * run here by the same JobRunner and trainer (on the CPU backend, as in the worker), each
 * epoch's report becoming the next state. Also returns the figures each report carried.
 */
function trainEpochs(cell: CellName, epochs: number, from: SentimentState = { ...manifest.initialState(params), cell }): SentimentState & { figures: EpochFigures[] } {
  let s: SentimentState = { ...from, target: from.epoch + epochs };
  const figures: EpochFigures[] = [];
  const runner = new JobRunner(sentimentJob(data, s)!, layersTrainers(tf), (report) => {
    const next = report.state ? epochReported(s, { ...report, state: report.state }) : null;
    if (next) {
      s = next.state;
      figures.push(next.figures);
    }
  });
  try {
    while (!runner.runSlice(Number.POSITIVE_INFINITY, () => 0));
  } finally {
    runner.dispose();
  }
  return Object.assign(s, { figures });
}
const withoutFigures = ({ figures: _, ...s }: SentimentState & { figures: EpochFigures[] }): SentimentState => s;

describe('sentiment demo: the data', () => {
  it('ships a few hundred labelled reviews, balanced, each written once', () => {
    const all = parseSentences();
    expect(all.length).toBeGreaterThanOrEqual(350);
    expect(all.filter((s) => s.label === 1).length).toBe(all.length / 2);
    expect(new Set(all.map((s) => s.text)).size).toBe(all.length);
    expect(SENTENCES).not.toMatch(/http|www\./);
    expect(() => parseSentences('+ fine\n* wrong')).toThrow(/line 2/);
  });

  it('holds out one review in five per label, with its mirror, and builds the vocabulary from training only', () => {
    expect(data.train.length).toBe(282);
    expect(data.test.length).toBe(70);
    const trainText = new Set(data.train.map((s) => s.text));
    expect(data.test.some((s) => trainText.has(s.text))).toBe(false);
    expect(data.vocab.slice(0, 2)).toEqual(['<pad>', '<unknown>']);
    expect(encode(data, 'a wonderful zyzzyva!')).toEqual([data.index.get('a'), data.index.get('wonderful'), UNKNOWN]);
    expect(tokenize("I didn't LIKE it.")).toEqual(['i', "didn't", 'like', 'it']);
    expect(encode(data, '').length).toBe(0);
  });

  it('pads at the front as pad_sequences does, and shuffles each epoch by its seed', () => {
    expect(padBatch([[5, 6], [7]])).toEqual({ ids: Int32Array.from([5, 6, PAD, 7]), steps: 2 });
    expect(epochOrder(1, 3, 10)).toEqual(epochOrder(1, 3, 10));
    expect(epochOrder(1, 3, 10)).not.toEqual(epochOrder(1, 4, 10));
    expect([...epochOrder(2, 0, 50)].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});

describe('sentiment demo: the model', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it('is the demo module of its spec', () => {
    expect(demo.spec).toBe(manifest);
    expect(params.cell).toBe('rnn');
  });

  for (const cell of CELLS) {
    it(`${cell}: shapes, and the tf.layers model on padded rows equals the float64 reference on the words alone`, () => {
      const baseline = tf.memory().numTensors;
      const ps = seededParams(cell, V, 3);
      // Larger weights than the seeded ones, so that the comparison is not between near-constant outputs.
      for (const p of Object.values(ps)) p.data.forEach((w, i) => (p.data[i] = Math.fround(w * 6)));
      const model = buildModel(tf, cell, V, ps);
      const gates = cell === 'lstm' ? 4 : cell === 'gru' ? 3 : 1;
      expect(model.getWeights().map((w) => w.shape)).toEqual([[V, 8], [8, 8 * gates], [8, 8 * gates], [8 * gates], [8, 1], [1]]);
      model.dispose();
      const rows = data.test.slice(0, 12).map((s) => encode(data, s.text));
      const viaLayers = layersPredict(cell, ps, rows);
      rows.forEach((row, i) => expect(Math.abs(viaLayers[i]! - readIds(coreSpec(cell, V), ps, row).p)).toBeLessThan(2e-5));
      // Without the mask the pads would be read as words: a different answer.
      const maxLen = Math.max(...rows.map((r) => r.length));
      const unmasked = rows.map((row) => readIds(coreSpec(cell, V), ps, [...new Array<number>(maxLen - row.length).fill(0), ...row]).p);
      expect(rows.some((row, i) => row.length < maxLen && Math.abs(unmasked[i]! - viaLayers[i]!) > 1e-4)).toBe(true);
      expect(tf.memory().numTensors).toBe(baseline);
    });
  }

  it('reads word by word: one state per word, the last reading is the prediction', () => {
    const ps = seededParams('lstm', V, 2);
    const r = readIds(coreSpec('lstm', V), ps, encode(data, 'not bad at all'));
    expect(r.states).toHaveLength(4);
    expect(r.states[0]).toHaveLength(8);
    expect(r.probs.at(-1)).toBeCloseTo(r.p, 12);
    expect(readIds(coreSpec('lstm', V), ps, []).p).toBeCloseTo(1 / (1 + Math.exp(-ps['head.c']!.data[0]!)), 12);
  });

  it('weights travel exactly as float32 bytes, and bad ones are refused', () => {
    const ps = seededParams('gru', V, 4);
    const model = buildModel(tf, 'gru', V, ps);
    const back = readModelWeights(model, ps);
    model.dispose();
    const text = encodeWeights(back);
    expect(text).toHaveLength(encodedLength('gru', V));
    expect(decodeWeights(text, ps)).toEqual(back);
    expect(decodeWeights(text.slice(4), ps)).toBeNull();
    expect(decodeWeights('!!!', ps)).toBeNull();
    expect(decodeWeights(text, seededParams('lstm', V, 4))).toBeNull();
    expect(() => paramsOf(data, { cell: 'lstm', seed: 4, weights: text })).toThrow(/do not fit a lstm model/);
  });
});

describe('sentiment demo: training', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it(`SimpleRNN from seed 1, trained by the worker's job: held-out accuracy 72.9 % (51 of 70) after ${EPOCHS_PER_RUN} epochs, training accuracy 100 %`, () => {
    const baseline = tf.memory().numTensors;
    const before = evaluate(coreSpec('rnn', V), seededParams('rnn', V, 1), data, data.test);
    const trained = trainEpochs('rnn', EPOCHS_PER_RUN);
    const s = withoutFigures(trained);
    expect(s.epoch).toBe(EPOCHS_PER_RUN);
    expect(s.heldOut).toHaveLength(EPOCHS_PER_RUN);
    const ps = paramsOf(data, s);
    const heldOut = evaluate(coreSpec('rnn', V), ps, data, data.test);
    const train = evaluate(coreSpec('rnn', V), ps, data, data.train);
    // The figures the worker measured are those the page would measure on the state's weights.
    expect(trained.figures.at(-1)).toEqual({ heldOut, train });
    expect(s.heldOut.at(-1)).toBe(heldOut.accuracy);
    expect(before.accuracy).toBeLessThan(0.65);
    expect(heldOut.accuracy).toBeGreaterThanOrEqual(0.7);
    expect(Math.round(heldOut.accuracy * 70)).toBe(51);
    expect(train.accuracy).toBeGreaterThanOrEqual(0.99);
    expect(tf.memory().numTensors).toBe(baseline);
    // The state round-trips, and the picture of a state is the same however it arrived.
    const again = parseState(JSON.parse(JSON.stringify(s)))!;
    expect(again).toEqual(s);
    const text = { ...s, text: 'the acting is wooden and the plot is silly' };
    expect(derivePicture(data, text, evaluator(data)).reading.p).toBeLessThan(0.5);
    expect(derivePicture(data, text, evaluator(data))).toEqual(derivePicture(data, JSON.parse(JSON.stringify(text)) as SentimentState, evaluator(data)));
  }, 240_000);

  it('an epoch resumed from its state gives the same weights as an uninterrupted run', () => {
    const straight = trainEpochs('gru', 2);
    const resumed = trainEpochs('gru', 1, JSON.parse(JSON.stringify(withoutFigures(trainEpochs('gru', 1)))) as SentimentState);
    expect(resumed.weights).toBe(straight.weights);
    expect(resumed.heldOut).toEqual(straight.heldOut);
  }, 240_000);

  it('the job runs whole epochs from the state, one report with the weights per epoch, in the tf.layers worker', () => {
    const s = { ...manifest.initialState(params), epoch: 2, target: 5, weights: encodeWeights(seededParams('rnn', V, 1)) };
    const job = sentimentJob(data, s)!;
    const perEpoch = stepsPerEpoch(data);
    expect(perEpoch).toBe(9);
    expect(job).toMatchObject({ worker: 'layers', steps: 3 * perEpoch, reportEvery: perEpoch, snapshotEvery: perEpoch, initial: { step: 2 * perEpoch, extra: { epoch: 2 } } });
    expect(sentimentJob(data, { ...s, target: 2 })).toBeNull();
    // A report that does not continue the state (a reset or a pause meanwhile) is not taken.
    const report = { step: 0, jobStep: 0, loss: 0, state: { step: 0, params: seededParams('rnn', V, 1), extra: { epoch: 4, trainLoss: 0.5, trainAccuracy: 0.5, heldOutLoss: 0.5, heldOutAccuracy: 0.5 } } };
    expect(epochReported(s, report)).toBeNull();
    expect(epochReported(s, { ...report, state: { ...report.state, extra: { ...report.state.extra, epoch: 3 } } })?.state.epoch).toBe(3);
    const layers = layersTrainers(tf).get('sentiment-layers');
    expect(() => layers.create({ cell: 'transformer' }, 1, undefined)).toThrow(/config\.cell/);
    expect(() => layers.create({ cell: 'rnn' }, 1, { step: 0, params: seededParams('lstm', V, 1), extra: { epoch: 0 } })).toThrow(/initial\.params/);
  });

  it('the tf.layers reader answers for the state and frees its tensors', () => {
    const baseline = tf.memory().numTensors;
    const reader = new LayersReader(tf, V);
    const ps = seededParams('lstm', V, 5);
    const ids = encode(data, 'a great film');
    const p = reader.predict('lstm', ps, 'k', ids, 3);
    expect(Math.abs(p - readIds(coreSpec('lstm', V), ps, ids).p)).toBeLessThan(2e-5);
    expect(reader.predict('lstm', ps, 'k', ids, 0)).toBeCloseTo(p, 6);
    reader.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
  });

  it('rejects bad states', () => {
    const s = manifest.initialState(params);
    expect(parseState(s)).toEqual(s);
    expect(parseState({ ...s, cell: 'transformer' })).toBeNull();
    expect(parseState({ ...s, weights: 'not base64!' })).toBeNull();
    expect(parseState({ ...s, heldOut: [Number.NaN] })).toBeNull();
    expect(parseState({ ...s, text: 'x'.repeat(121) })).toBeNull();
    expect(parseState({ ...s, epoch: -1 })).toBeNull();
  });
});

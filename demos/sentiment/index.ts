/**
 * demos/sentiment: the Keras IMDB example rebuilt with tf.layers and trained here on the
 * deck's own short reviews; type a review and read the prediction and the hidden state
 * word by word. Training runs on the page's backend, one minibatch per frame from the
 * clock's tick (tf.layers needs a tfjs backend, which the training worker does not carry);
 * each finished epoch becomes a state carrying the weights, so the clone shows the same
 * numbers and leaving the slide pauses training at the last whole epoch.
 */
import { challenges } from './challenges.ts';
import { defineDemo } from '../../src/widgets/contract.ts';
import { encode, sentimentData } from './data.ts';
import { LayersReader } from './inference.ts';
import { CELL_LABELS, CELLS, encodeWeights, seededParams, type CellName } from './model.ts';
import { derivePicture, evaluator, paramsOf } from './picture.ts';
import spec, { EPOCHS_PER_RUN, MAX_EPOCHS, MAX_TEXT, type SentimentState } from './schema.ts';
import { EpochTrainer } from './trainer.ts';
import { textBox } from './text-box.ts';
import { drawSentiment, INPUT_BAND } from './view.ts';

/** Work per frame: minibatch steps until this many milliseconds have passed (at least one). */
const SLICE_MS = 8;

export default defineDemo(spec, ({ params, canvas, stage, tf, role, state, update, listen }) => {
  if (!tf) throw new Error('the sentiment demo needs TensorFlow.js');
  const data = sentimentData();
  const evaluations = evaluator(data);
  const reader = new LayersReader(tf, data.vocab.length);
  const weightsKey = (s: SentimentState) => `${s.cell}|${s.seed}|${s.epoch}|${s.weights ?? ''}`;
  let trainer: EpochTrainer | null = null;
  let trainerKey = '';
  const box = textBox(stage, { top: 6, height: INPUT_BAND - 12, maxLength: MAX_TEXT, enabled: role === 'driver' }, listen, (text) => update({ ...state(), text }));

  /** The trainer continuing from the state's epoch: the live one, or a new one started from the state's weights. */
  function trainerFor(s: SentimentState): EpochTrainer {
    if (!trainer || trainerKey !== weightsKey(s)) {
      trainer?.dispose();
      trainer = new EpochTrainer(tf!, data, s.cell, s.seed, s.epoch, seededParams(s.cell, data.vocab.length, s.seed), paramsOf(data, s));
      trainerKey = weightsKey(s);
    }
    return trainer;
  }

  const training = (s: SentimentState) => s.target > s.epoch;
  const fresh = (s: SentimentState, cell: CellName): SentimentState => ({ ...s, cell, epoch: 0, target: 0, weights: null, trainLoss: [], heldOut: [] });

  return {
    derive(s) {
      box.show(s.text);
      const picture = derivePicture(data, s, evaluations);
      const layersP = reader.predict(s.cell, paramsOf(data, s), weightsKey(s), encode(data, s.text), picture.pads);
      return { picture, layersP };
    },
    draw: ({ picture, layersP }, { state: s }) => drawSentiment(canvas, picture, { layersP, training: training(s) }),
    moving: training,
    tick(s) {
      if (!training(s)) return s;
      const t = trainerFor(s);
      const start = performance.now();
      let epochDone = false;
      do epochDone = t.step();
      while (!epochDone && performance.now() - start < SLICE_MS);
      if (!epochDone) return s;
      const weights = encodeWeights(t.finishEpoch());
      const next: SentimentState = { ...s, epoch: s.epoch + 1, weights };
      const { heldOut, train } = evaluations(next, paramsOf(data, next));
      trainerKey = weightsKey(next);
      return { ...next, trainLoss: [...s.trainLoss, Number(train.loss.toPrecision(6))], heldOut: [...s.heldOut, heldOut.accuracy] };
    },
    step: (s) => s.epoch,
    metric: (s, { picture, layersP }) => ({
      cell: s.cell,
      epoch: s.epoch,
      training: training(s),
      trainLoss: Number(picture.train.loss.toFixed(4)),
      trainAccuracy: picture.train.accuracy,
      heldOutAccuracy: picture.heldOut.accuracy,
      p: Number(picture.reading.p.toFixed(4)),
      layersP: Number(layersP.toFixed(4)),
    }),
    controls: [
      { kind: 'select', label: 'layer', values: CELLS, labels: CELL_LABELS, get: (s) => s.cell, set: (s, v) => fresh(s, v as CellName) },
      {
        kind: 'button',
        label: (s) => (training(s) ? 'pause' : `train ${EPOCHS_PER_RUN} epochs`),
        title: 'Train on the page: RMSprop, minibatches of 32, one epoch per state',
        press: (s) => (training(s) ? { ...s, target: s.epoch } : { ...s, target: Math.min(MAX_EPOCHS, s.epoch + EPOCHS_PER_RUN) }),
      },
      {
        kind: 'button',
        label: 'held-out review',
        title: 'Put the next held-out review (never trained on) in the text box',
        press: (s) => ({ ...s, text: data.test[s.example % data.test.length]!.text, example: (s.example + 1) % data.test.length }),
      },
      { kind: 'button', label: 'reset', title: 'Back to the seeded weights (the review and the layer stay)', press: (s) => ({ ...spec.initialState(params), cell: s.cell, text: s.text }) },
    ],
    dispose() {
      trainer?.dispose();
      trainer = null;
      reader.dispose();
    },
  };
}, challenges);

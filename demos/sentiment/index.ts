/**
 * demos/sentiment: the Keras IMDB example rebuilt with tf.layers and trained here on the
 * deck's own short reviews; type a review and read the prediction and the hidden state
 * word by word. Training runs in the tf.layers training worker (tfjs's CPU backend there;
 * on the page's backend, one minibatch per slice, where no worker starts); each finished
 * epoch comes back as a state carrying the weights and the figures measured on them, so
 * the clone shows the same numbers and leaving the slide pauses training at the last
 * whole epoch.
 */
import { challenges } from './challenges.ts';
import { defineDemo } from '../../src/widgets/contract.ts';
import { chunkedTrainer } from '../../src/widgets/chunked-training.ts';
import { encode, sentimentData } from './data.ts';
import { LayersReader } from './inference.ts';
import { CELL_LABELS, CELLS, type CellName } from './model.ts';
import { derivePicture, evaluator, paramsOf } from './picture.ts';
import spec, { EPOCHS_PER_RUN, MAX_EPOCHS, MAX_TEXT, type SentimentState } from './schema.ts';
import { epochReported, sentimentJob } from './training.ts';
import { textBox } from './text-box.ts';
import { drawSentiment, INPUT_BAND } from './view.ts';

export default defineDemo(spec, (ctx) => {
  const { params, canvas, stage, tf, role, state, update, listen, stopTraining } = ctx;
  if (!tf) throw new Error('the sentiment demo needs TensorFlow.js');
  const data = sentimentData();
  const evaluations = evaluator(data);
  const reader = new LayersReader(tf, data.vocab.length);
  const weightsKey = (s: SentimentState) => `${s.cell}|${s.seed}|${s.epoch}|${s.weights ?? ''}`;
  const box = textBox(stage, { top: 6, height: INPUT_BAND - 12, maxLength: MAX_TEXT, enabled: role === 'driver' }, listen, (text) => update({ ...state(), text }));

  const training = (s: SentimentState) => s.target > s.epoch;
  const tick = chunkedTrainer(ctx, {
    training,
    job: (s) => sentimentJob(data, s),
    apply(s, report) {
      const next = epochReported(s, report);
      if (!next) return s;
      // The worker measured these on the very weights the state now carries: the picture need not measure them again.
      evaluations.prime(next.state, next.figures);
      return next.state;
    },
    finish: (s) => ({ ...s, target: s.epoch }),
  });
  /** A control that ends the run in flight: its reports would no longer continue the state. */
  const halting = (next: SentimentState) => {
    stopTraining();
    return next;
  };
  const fresh = (s: SentimentState, cell: CellName): SentimentState => ({ ...s, cell, epoch: 0, target: 0, weights: null, trainLoss: [], heldOut: [] });

  return {
    derive(s) {
      box.show(s.text);
      const picture = derivePicture(data, s, evaluations);
      const layersP = reader.predict(s.cell, paramsOf(data, s), weightsKey(s), encode(data, s.text), picture.pads);
      return { picture, layersP };
    },
    draw: ({ picture, layersP }, { state: s }) => drawSentiment(canvas, picture, { layersP, training: training(s) }),
    // Redrawn by the reports while a chunk trains; the clock only runs to start the next chunk.
    moving: (s) => role === 'driver' && training(s) && !tick.busy(),
    tick,
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
      { kind: 'select', label: 'layer', values: CELLS, labels: CELL_LABELS, get: (s) => s.cell, set: (s, v) => halting(fresh(s, v as CellName)) },
      {
        kind: 'button',
        label: (s) => (training(s) ? 'pause' : `train ${EPOCHS_PER_RUN} epochs`),
        title: 'Train in the training worker: RMSprop, minibatches of 32, one epoch per state',
        press: (s) => (training(s) ? halting({ ...s, target: s.epoch }) : { ...s, target: Math.min(MAX_EPOCHS, s.epoch + EPOCHS_PER_RUN) }),
      },
      {
        kind: 'button',
        label: 'held-out review',
        title: 'Put the next held-out review (never trained on) in the text box',
        press: (s) => ({ ...s, text: data.test[s.example % data.test.length]!.text, example: (s.example + 1) % data.test.length }),
      },
      { kind: 'button', label: 'reset', title: 'Back to the seeded weights (the review and the layer stay)', press: (s) => halting({ ...spec.initialState(params), cell: s.cell, text: s.text }) },
    ],
    dispose() {
      reader.dispose();
    },
  };
}, challenges);

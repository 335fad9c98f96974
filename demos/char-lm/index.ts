/**
 * demos/char-lm: a character language model trains on an editable text in the training
 * worker, without pause until paused; each report brings the loss over the last pass,
 * the weights (in the state, so a remount resumes and the clone follows) and, once a
 * second, a new sample at the chosen temperature.
 */
import { challenges } from './challenges.ts';
import { defineDemo } from '../../src/widgets/contract.ts';
import { logScale } from '../../src/widgets/controls.ts';
import { DEFAULT_TEXT } from './default-text.ts';
import { afterReport, corpusOf, restart, sampleOf, textProblem, trainingJob, windowLength } from './model.ts';
import spec, { CELLS, HIDDEN_RANGE, LR_RANGE, MAX_TEXT, SEQ_RANGE, TEMPERATURE_RANGE, type Cell, type CharLmState } from './schema.ts';
import { loadText, saveText } from './text-store.ts';
import { textEditor } from './text-editor.ts';
import { CHART, EDITOR_TOP, lmView, type LmPicture } from './view.ts';

const SAMPLE_EVERY_MS = 1000;
/** A setting dragged along a slider restarts training once it has rested this long, not at every position. */
const SETTLE_MS = 250;
const lr = logScale(LR_RANGE, 2);

/** What a running job was started with: a change of any of these means a new job. */
const jobKey = (s: CharLmState) => JSON.stringify([s.text, s.cell, s.hidden, s.seq, s.lr, s.seed]);

export default defineDemo(spec, ({ role, canvas, stage, state, update, listen, later, train, stopTraining, note }) => {
  const id = stage.closest<HTMLElement>('[data-demo-id]')?.dataset.demoId ?? 'char-lm';
  let corpus = corpusOf(state().text);
  const corpusFor = (text: string) => (corpus.text === text ? corpus : (corpus = corpusOf(text)));

  const editor = textEditor({
    rect: { x: 8, y: EDITOR_TOP, width: CHART.x + CHART.width - 8, height: Math.max(80, canvas.height - EDITOR_TOP - 4) },
    maxLength: MAX_TEXT,
    problem: (text) => textProblem(text, MAX_TEXT),
    apply: (text) => {
      const s = state();
      if (role !== 'driver' || text === s.text) return;
      if (!saveText(id, text)) note('This text is not kept after a reload: the browser refused to store it (storage full or disabled).');
      update({ ...restart(s), text });
    },
    listen,
  });
  editor.setReadOnly(role !== 'driver');
  stage.append(editor.element);

  // A reload starts from the default state: the typed text comes back from storage.
  const saved = role === 'driver' ? loadText(id) : null;
  if (saved !== null && state().text === DEFAULT_TEXT && state().step === 0 && saved !== DEFAULT_TEXT && !textProblem(saved, MAX_TEXT)) update({ ...restart(state()), text: saved });

  const drawLm = lmView(canvas);
  let generation = 0;
  let running: string | null = null;
  let lastReportAt = 0;
  let lastSampleAt = 0;
  let wanted = '';
  let wantedSince = 0;

  const start = (s: CharLmState) => {
    const g = ++generation;
    running = jobKey(s);
    const startedAt = performance.now();
    lastReportAt = startedAt;
    const c = corpusFor(s.text);
    later(
      train(trainingJob(s, c), (report) => {
        const now = performance.now();
        const current = state();
        if (g !== generation || !current.training || jobKey(current) !== running) return;
        const withSample = now - lastSampleAt >= SAMPLE_EVERY_MS;
        if (withSample) lastSampleAt = now;
        const charsPerSec = ((report.step - s.step) * windowLength(s, c) * 1000) / Math.max(1, now - startedAt);
        update(afterReport(current, report, c, { elapsedMs: now - lastReportAt, charsPerSec }, withSample));
        lastReportAt = now;
      }),
      () => {
        if (g === generation) running = null;
      },
    );
  };
  const stop = () => {
    generation++;
    running = null;
    stopTraining();
  };
  const resample = (s: CharLmState): CharLmState => (s.weights === null ? { ...s, sample: '' } : { ...s, sample: sampleOf(s, corpusFor(s.text)) });

  return {
    derive: (s): LmPicture => {
      const c = corpusFor(s.text);
      return {
        curve: s.curve,
        chance: Math.log(c.vocab.length),
        vocab: c.vocab.length,
        loss: s.loss,
        step: s.step,
        charsPerSec: s.charsPerSec,
        seconds: s.trainedMs / 1000,
        cell: s.cell,
        sample: s.sample,
        temperature: s.temperature,
        training: s.training,
      };
    },
    draw(picture, { state: s }) {
      editor.show(s.text);
      drawLm(picture);
    },
    moving: (s) => s.training && role === 'driver',
    tick(s) {
      if (!s.training) return s;
      const key = jobKey(s);
      const now = performance.now();
      if (key !== wanted) {
        wanted = key;
        wantedSince = now;
      }
      if (running !== null && running !== key) stop();
      if (running === null && now - wantedSince >= SETTLE_MS) start(s);
      return s;
    },
    step: (s) => s.step,
    metric: (s, pic) => ({
      step: s.step,
      loss: s.loss,
      chance: Number(pic.chance.toFixed(4)),
      charsPerSec: s.charsPerSec,
      seconds: Number((s.trainedMs / 1000).toFixed(1)),
      cell: s.cell,
      training: s.training,
    }),
    controls: [
      {
        kind: 'button',
        label: (s) => (s.training ? 'pause' : 'train'),
        title: 'Train in the background without pause, or pause',
        press: (s) => {
          if (!s.training) return { ...s, training: true };
          stop();
          return resample({ ...s, training: false });
        },
      },
      { kind: 'select', label: 'cell', values: CELLS, labels: { rnn: 'vanilla RNN', lstm: 'LSTM', gru: 'GRU' }, get: (s) => s.cell, set: (s, v) => ({ ...restart(s), cell: v as Cell }) },
      { kind: 'slider', label: 'hidden', range: HIDDEN_RANGE, step: 8, get: (s) => s.hidden, set: (s, v) => ({ ...restart(s), hidden: v }) },
      { kind: 'slider', label: 'seq', range: SEQ_RANGE, step: 1, get: (s) => s.seq, set: (s, v) => ({ ...s, seq: v }) },
      { kind: 'slider', label: 'lr', range: lr.range, step: 0.05, get: (s) => lr.toPosition(s.lr), set: (s, v) => ({ ...s, lr: lr.toValue(v) }), format: (v) => String(lr.toValue(v)) },
      { kind: 'slider', label: 'temperature', range: TEMPERATURE_RANGE, step: 0.05, get: (s) => s.temperature, set: (s, v) => resample({ ...s, temperature: v }), format: (v) => v.toFixed(2) },
      {
        kind: 'button',
        label: 'reset',
        title: 'Back to the seeded weights (the text stays)',
        press: (s) => {
          stop();
          return { ...restart(s), training: false };
        },
      },
    ],
    dispose: () => editor.dispose(),
  };
}, challenges);

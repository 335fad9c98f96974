/**
 * demos/char-lm: a character language model trains on an editable text in the training
 * worker, without pause until paused; each report brings the loss over the last pass,
 * the weights (in the state, so a remount resumes and the clone follows) and, once a
 * second, a new sample at the chosen temperature. The loop is training-loop.ts, the
 * controls controls.ts.
 */
import { challenges } from './challenges.ts';
import { defineDemo } from '../../src/widgets/contract.ts';
import { charLmControls } from './controls.ts';
import { DEFAULT_TEXT } from './default-text.ts';
import { corpusOf, restart, sampleOf, textProblem } from './model.ts';
import spec, { MAX_TEXT, type CharLmState } from './schema.ts';
import { loadText, saveText } from './text-store.ts';
import { textEditor } from './text-editor.ts';
import { charLmTraining } from './training-loop.ts';
import { CHART, EDITOR_TOP, lmView, type LmPicture } from './view.ts';

export default defineDemo(spec, (ctx) => {
  const { role, canvas, stage, state, update, listen, note } = ctx;
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
  const training = charLmTraining(ctx, corpusFor);
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
    tick: training.tick,
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
    controls: charLmControls(training.stop, resample),
    dispose: () => editor.dispose(),
  };
}, challenges);

/**
 * The wiring both gate demos share: the cell's equations beside its per-step values, the
 * focus stepped through the computation (buttons, arrow keys, a click on a cell), an
 * editable input, and training in the training worker with snapshots the picture follows.
 */
import type { DemoParts, DemoSetup } from '../../src/widgets/contract.ts';
import type { GateCell } from './cell.ts';
import { equationPanel } from './equations.ts';
import { focusOf, stepFocus, stepTime } from './focus.ts';
import { drawGates, hoverTip, type CellBox } from './gate-view.ts';
import { TRAINING, gateModelSpec, gateTrace, gateTrainingJob, withWeights, type GateState, type GateTrace } from './model.ts';
import { readoutText } from './readout.ts';
import type { GateParams } from './alphabet.ts';
import { textInput } from './text-field.ts';

const PANEL_WIDTH = 368;

export function gateDemo(cell: GateCell) {
  return (context: DemoSetup<GateParams, GateState>): DemoParts<GateState, GateTrace> => {
    const { params, canvas, stage, role, state, update, listen, later, train } = context;
    const spec = gateModelSpec(cell.kind, params.hidden);
    const Q = cell.quantities.length;
    let boxes: CellBox[] = [];
    let training = false;

    const side = document.createElement('div');
    Object.assign(side.style, { position: 'absolute', left: '0', top: '0', width: `${PANEL_WIDTH}px` });
    const field = textInput((text) => update({ ...state(), text }));
    const equations = equationPanel(cell.equations, cell.note);
    const readout = document.createElement('div');
    readout.setAttribute('aria-live', 'polite');
    Object.assign(readout.style, { fontSize: '13px', padding: '6px', lineHeight: '1.35' });
    const values = document.createElement('div');
    values.style.font = '13px "Ubuntu Mono", monospace';
    const moments = document.createElement('div');
    readout.append(values, moments);
    side.append(field.element, equations.element, readout);
    stage.append(side);

    canvas.canvas.tabIndex = 0;
    const tip = hoverTip(canvas, stage, () => boxes);
    listen(canvas.canvas, 'pointermove', tip.move);
    listen(canvas.canvas, 'pointerleave', tip.leave);
    listen(canvas.canvas, 'click', (e) => {
      const r = canvas.canvas.getBoundingClientRect();
      const s = canvas.width / r.width;
      const x = (e.clientX - r.left) * s;
      const y = (e.clientY - r.top) * s;
      const hit = boxes.find((b) => x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h);
      if (hit) update({ ...state(), t: hit.t, k: hit.q });
    });
    listen(canvas.canvas, 'keydown', (e) => {
      const s = state();
      const next = { ArrowRight: () => stepFocus(s, Q, 1), ArrowLeft: () => stepFocus(s, Q, -1), ArrowDown: () => stepTime(s, 1), ArrowUp: () => stepTime(s, -1) }[e.key];
      if (!next) return;
      e.preventDefault();
      update(next());
    });

    function startTraining(s: GateState): GateState {
      if (training) return s;
      training = true;
      const job = train(gateTrainingJob(spec, s, TRAINING.stepsPerPress), (report) => {
        if (report.state) update(withWeights(state(), report.state.params, report.state.step));
      });
      later(job, (result) => {
        training = false;
        if (result) update(withWeights(state(), result.report.state.params, result.report.state.step));
        else update({ ...state() });
      });
      return s;
    }

    return {
      derive: (s) => gateTrace(spec, cell.quantities, s),
      draw(trace, { state: s }) {
        const { t, k } = focusOf(s);
        boxes = drawGates(canvas, { left: PANEL_WIDTH }, cell, trace, { t, q: k });
        equations.highlight(k, cell.quantities[k]!.key);
        const text = readoutText(cell, trace, t, k);
        values.textContent = text.values;
        moments.textContent = text.moments;
        field.sync(s.text, role === 'driver');
      },
      step: (s) => s.trainSteps,
      metric: (s, trace) => ({ trainSteps: s.trainSteps, loss: Number(trace.loss.toFixed(4)), accuracy: Number(trace.accuracy.toFixed(3)), t: focusOf(s).t, k: s.k, moments: cell.moments(trace).length }),
      controls: [
        { kind: 'button', label: '◀ step', title: 'The previous equation (← key on the cells; ↑ for the previous time step)', press: (s) => stepFocus(s, Q, -1) },
        { kind: 'button', label: 'step ▶', title: 'The next equation (→ key on the cells; ↓ for the next time step)', press: (s) => stepFocus(s, Q, 1) },
        {
          kind: 'button',
          label: () => (training ? 'training…' : `train ${TRAINING.stepsPerPress} steps`),
          title: 'Adam on 32 seeded strings of the bracket task, in the training worker',
          press: startTraining,
        },
        { kind: 'button', label: 'reset', title: 'Back to the seeded, untrained weights', press: (s) => (training ? s : { ...s, trainSteps: 0, weights: null }) },
      ],
    };
  };
}

/** How a finished report of the training worker becomes demos/sliding-window's next state. */
import type { ParamSet } from '../../src/rnn/index.ts';
import { flatten, type ModelKind } from './model.ts';
import { MAX_CURVE, type SlidingWindowState } from './schema.ts';

/** The state with one model's weights and step count from a report; its loss joins the curve once per new step count. */
export function withReport(s: SlidingWindowState, kind: ModelKind, params: ParamSet, step: number, loss: number): SlidingWindowState {
  const steps = kind === 'mlp' ? s.mlpSteps : s.rnnSteps;
  if (step <= steps) return s;
  const curve = kind === 'mlp' ? s.mlpLoss : s.rnnLoss;
  const nextCurve = Number.isFinite(loss) ? [...curve, Number(loss.toPrecision(6))].slice(-MAX_CURVE) : curve;
  return kind === 'mlp'
    ? { ...s, mlp: flatten(params), mlpSteps: step, mlpLoss: nextCurve }
    : { ...s, rnn: flatten(params), rnnSteps: step, rnnLoss: nextCurve };
}

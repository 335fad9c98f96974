/**
 * demos/vanishing: ‖∂s_t/∂s_k‖₂ against t − k for a seeded random RNN, under the bound
 * (λ₁γ)^(t−k), with λ₁ and the activation as controls. Everything is recomputed in float64
 * from the small state, so the clone draws the same picture from the states it receives.
 */
import { challenges } from './challenges.ts';
import { defineDemo } from '../../src/widgets/contract.ts';
import { logScale } from '../../src/widgets/controls.ts';
import { measure } from './model.ts';
import spec, { ACTIVATIONS, MATRICES, lambdaField, seedField, type ActivationName, type MatrixKind } from './schema.ts';
import { drawVanishing } from './view.ts';
import { rangeOf } from '../../src/widgets/schema.ts';

/** Gaps revealed per second while the measured curve grows: 50 gaps in 2.5 s, slow enough to follow. */
const REVEAL_PER_SECOND = 20;
const LAMBDA = logScale(rangeOf(lambdaField) ?? [0.1, 5]);
const SEED_MAX = rangeOf(seedField)?.[1] ?? 999999;

export default defineDemo(spec, ({ params, reducedMotion, canvas }) => {
  type State = ReturnType<typeof spec.initialState>;
  /** A setting changed: the measured curve grows again from gap 0 (at once under reduced motion). */
  const restart = (s: State, patch: Partial<State>): State => ({ ...s, ...patch, reveal: reducedMotion ? params.horizon : 0 });
  let revealed = 0;
  return {
    derive: (s) => measure({ seed: s.seed, lambda1: s.lambda1, activation: s.activation, matrix: s.matrix, horizon: params.horizon, sequences: params.sequences }),
    deriveFrom: (s) => [s.seed, s.lambda1, s.activation, s.matrix],
    draw: (measurement, { state }) => drawVanishing(canvas, measurement, state.reveal),
    moving: (s) => s.reveal < params.horizon,
    tick(s, dt) {
      revealed += (dt * REVEAL_PER_SECOND) / 1000;
      const whole = Math.floor(revealed);
      revealed -= whole;
      return whole > 0 ? { ...s, reveal: Math.min(params.horizon, s.reveal + whole) } : s;
    },
    step: (s) => s.reveal,
    controls: [
      {
        kind: 'slider',
        label: 'λ₁',
        range: LAMBDA.range,
        step: 0.01,
        get: (s) => LAMBDA.toPosition(s.lambda1),
        set: (s, v) => restart(s, { lambda1: LAMBDA.toValue(v) }),
        format: (v) => LAMBDA.toValue(v).toFixed(2),
      },
      { kind: 'select', label: 'σ', values: ACTIVATIONS, get: (s) => s.activation, set: (s, v) => restart(s, { activation: v as ActivationName }) },
      { kind: 'select', label: 'W_rec', values: MATRICES, get: (s) => s.matrix, set: (s, v) => restart(s, { matrix: v as MatrixKind }) },
      { kind: 'button', label: 'new inputs', title: 'Draw a new W_rec and new input sequences (next seed)', press: (s) => restart(s, { seed: s.seed >= SEED_MAX ? 0 : s.seed + 1 }) },
    ],
  };
}, challenges);

import { interpolatePuOr, interpolateViridis } from 'd3-scale-chromatic';
import { scaleLinear, scaleSequential } from 'd3-scale';
import { CANVAS_FONT, CANVAS_MONO, PALETTE, type DemoCanvas } from '../../src/widgets/ui.ts';
import type { UnrollTrace } from './model.ts';
import { arrow } from '../../src/widgets/canvas-marks.ts';

/** Colours of the three shared matrices: the same colour at every step says "same weights". */
export const MATRIX_COLOURS = { in: PALETTE.blue, rec: PALETTE.vermillion, out: PALETTE.green } as const;

/** Diverging map for hidden values in [-1, 1] (tanh), sequential for probabilities. */
const stateColour = scaleSequential(interpolatePuOr).domain([1, -1]);
const probColour = scaleSequential(interpolateViridis).domain([0, 1]);

export interface HitBox {
  x: number;
  y: number;
  w: number;
  h: number;
  text: string;
}

export interface DrawInput {
  trace: UnrollTrace;
  /** Step in focus. */
  t: number;
  /** 0 = rolled (one cell with its loop), 1 = unrolled chain; values between animate the fold. */
  unfold: number;
  trainSteps: number;
}

/** Draws the network for one state; returns hover boxes with each cell's value. */
export function drawUnroll(c: DemoCanvas, input: DrawInput): HitBox[] {
  const { ctx, width, height } = c;
  const { trace, t, unfold } = input;
  const T = trace.inputs.length;
  const V = trace.vocab.length;
  const H = trace.states[0]?.length ?? 0;
  const boxes: HitBox[] = [];
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = '#fdfcf8';
  ctx.fillRect(0, 0, width, height);

  const left = 70;
  const top = 24;
  // Below the chain: the input character, the step label, and one line of readout.
  const bottom = height - 58;
  const gap = 24;
  const cell = Math.max(5, Math.min(16, (bottom - top - 2 * gap) / (2 * V + H)));
  const yOut = top;
  const yState = yOut + V * cell + gap;
  const yIn = yState + H * cell + gap;
  const strip = Math.max(10, cell * 1.1);
  const column = scaleLinear()
    .domain([0, Math.max(1, T - 1)])
    .range([left + 40, width - 60]);
  const rolledX = left + 40 + (width - 100 - left) / 2;
  const xOf = (k: number) => rolledX + ((T === 1 ? rolledX : column(k)) - rolledX) * unfold;

  ctx.font = CANVAS_FONT(13.5);
  ctx.fillStyle = PALETTE.ink;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  ctx.fillText('ŷ (output)', left + 10, yOut + (V * cell) / 2);
  ctx.fillText('s (state)', left + 10, yState + (H * cell) / 2);
  ctx.fillText('x (input)', left + 10, yIn + (V * cell) / 2);

  const order = Array.from({ length: T }, (_, k) => k).sort((a, b) => (a === t ? 1 : b === t ? -1 : a - b));
  for (const k of order) {
    const alpha = k === t ? 1 : unfold;
    if (alpha < 0.02) continue;
    ctx.globalAlpha = alpha;
    const x = xOf(k) - strip / 2;
    if (k > 0 && unfold > 0.5) labelledArrow(ctx, xOf(k - 1) + strip / 2 + 2, yState + (H * cell) / 2, x - 2, yState + (H * cell) / 2, MATRIX_COLOURS.rec, 'W_rec');
    labelledArrow(ctx, x + strip / 2, yIn - 2, x + strip / 2, yState + H * cell + 2, MATRIX_COLOURS.in, k === t || unfold > 0.9 ? 'W_in' : '');
    labelledArrow(ctx, x + strip / 2, yState - 2, x + strip / 2, yOut + V * cell + 2, MATRIX_COLOURS.out, k === t || unfold > 0.9 ? 'U' : '');
    for (let v = 0; v < V; v++) {
      const p = trace.probs[k]![v]!;
      cellRect(ctx, x, yOut + v * cell, strip, cell, probColour(p), v === trace.targets[k]);
      boxes.push({ x, y: yOut + v * cell, w: strip, h: cell, text: `ŷ_${k + 1}["${trace.vocab[v]}"] = ${p.toFixed(3)}` });
      const onehot = v === trace.inputs[k] ? 1 : 0;
      cellRect(ctx, x, yIn + v * cell, strip, cell, onehot ? PALETTE.ink : '#f1efe8', false);
      boxes.push({ x, y: yIn + v * cell, w: strip, h: cell, text: `x_${k + 1}["${trace.vocab[v]}"] = ${onehot}` });
    }
    for (let h = 0; h < H; h++) {
      const s = trace.states[k]![h]!;
      cellRect(ctx, x, yState + h * cell, strip, cell, stateColour(s), false);
      boxes.push({ x, y: yState + h * cell, w: strip, h: cell, text: `s_${k + 1}[${h}] = ${s.toFixed(3)}` });
    }
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.font = CANVAS_MONO(15);
    ctx.fillStyle = PALETTE.ink;
    ctx.fillText(`"${trace.vocab[trace.inputs[k]!]}"`, x + strip / 2, yIn + V * cell + 4);
    ctx.font = CANVAS_FONT(13.5);
    ctx.fillStyle = PALETTE.muted;
    ctx.fillText(`t=${k + 1}`, x + strip / 2, yIn + V * cell + 19);
    const best = argmax(trace.probs[k]!);
    ctx.textBaseline = 'bottom';
    ctx.font = CANVAS_MONO(14);
    ctx.fillStyle = best === trace.targets[k] ? PALETTE.green : PALETTE.vermillion;
    ctx.fillText(`→"${trace.vocab[best]}"`, x + strip / 2, yOut - 3);
    if (k === t) {
      ctx.strokeStyle = PALETTE.ink;
      ctx.lineWidth = 1.5;
      ctx.strokeRect(x - 6, yOut - 20, strip + 12, yIn + V * cell + 34 - (yOut - 20));
    }
  }
  ctx.globalAlpha = 1;
  if (unfold < 0.98) selfLoop(ctx, rolledX + strip / 2, yState, H * cell, 1 - unfold);

  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  ctx.font = CANVAS_FONT(13.5);
  ctx.fillStyle = PALETTE.ink;
  const target = trace.vocab[trace.targets[t]!];
  const p = trace.probs[t]![trace.targets[t]!]!;
  ctx.fillText(
    `J = ${trace.loss.toFixed(3)} (ln V = ${Math.log(V).toFixed(3)}) · t=${t + 1}: P(next = "${target}") = ${p.toFixed(2)} · ${input.trainSteps} training steps`,
    8,
    height - 5,
  );
  return boxes;
}

function cellRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, fill: string, mark: boolean): void {
  ctx.fillStyle = fill;
  ctx.fillRect(x, y, w, h - 1);
  if (mark) {
    ctx.strokeStyle = PALETTE.ink;
    ctx.lineWidth = 1.5;
    ctx.strokeRect(x + 0.75, y + 0.75, w - 1.5, h - 2.5);
  }
}

function argmax(v: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i]! > v[best]!) best = i;
  return best;
}

/** An arrow with its weight's name beside it (above a horizontal arrow, right of a vertical one). */
function labelledArrow(ctx: CanvasRenderingContext2D, x1: number, y1: number, x2: number, y2: number, colour: string, label: string): void {
  arrow(ctx, x1, y1, x2, y2, colour);
  if (label) {
    ctx.font = CANVAS_FONT(13.5, 700);
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    const horizontal = Math.abs(y2 - y1) < 1;
    ctx.fillText(label, horizontal ? (x1 + x2) / 2 - 14 : x1 + 5, horizontal ? y1 - 10 : (y1 + y2) / 2);
  }
}

/** The rolled form's recurrence: s feeds back into itself through W_rec. */
function selfLoop(ctx: CanvasRenderingContext2D, cx: number, yTop: number, h: number, alpha: number): void {
  ctx.globalAlpha = alpha;
  const r = Math.max(18, h / 2 + 6);
  const x = cx + 24;
  ctx.strokeStyle = MATRIX_COLOURS.rec;
  ctx.lineWidth = 2.5;
  ctx.beginPath();
  ctx.arc(x + r * 0.6, yTop + h / 2, r, -Math.PI * 0.75, Math.PI * 0.75);
  ctx.stroke();
  const ex = x + r * 0.6 + r * Math.cos(Math.PI * 0.75);
  const ey = yTop + h / 2 + r * Math.sin(Math.PI * 0.75);
  ctx.fillStyle = MATRIX_COLOURS.rec;
  ctx.beginPath();
  ctx.moveTo(ex - 2, ey - 2);
  ctx.lineTo(ex + 8, ey + 2);
  ctx.lineTo(ex + 1, ey + 9);
  ctx.closePath();
  ctx.fill();
  ctx.font = CANVAS_FONT(13.5, 700);
  ctx.textAlign = 'left';
  ctx.fillText('W_rec', x + r * 1.7, yTop + h / 2);
  ctx.globalAlpha = 1;
}

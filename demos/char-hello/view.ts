/**
 * Draws the hello figure: per step, the one-hot input (bottom), the hidden state (middle)
 * and the output scores with their softmax probabilities (top). Training colours each
 * score as the figure does: green the target's score, which training raises, red the
 * others, which it lowers. Sampling marks the sampled character and draws it fed back in.
 */
import { interpolatePuOr } from 'd3-scale-chromatic';
import { CANVAS_FONT, CANVAS_MONO, PALETTE, type DemoCanvas } from '../../src/widgets/ui.ts';
import type { HelloTrace } from './model.ts';
import { VOCAB } from './model.ts';
import { arrow } from '../../src/widgets/canvas-marks.ts';

/** Text colours dark enough for 4.5:1 on the canvas background (the palette's green and vermillion are for marks). */
export const RAISE = '#007a5a';
export const LOWER = '#b34700';
const BACKGROUND = '#fdfcf8';

export interface HelloPicture {
  trace: HelloTrace;
  mode: 'train' | 'sample';
  /** Columns drawn (sampling reveals them one by one). */
  shown: number;
  step: number;
  /** Loss of the seeded weights, shown beside ln 4. */
  loss0: number;
}

const ROW = 17;
const GAP = 26;
const BOX_W = 92;

export function drawHello(c: DemoCanvas, pic: HelloPicture): void {
  const { ctx, width, height } = c;
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = BACKGROUND;
  ctx.fillRect(0, 0, width, height);
  const { trace, mode } = pic;
  const V = VOCAB.length;
  const H = trace.hidden[0]?.length ?? 0;
  const left = 120;
  const panel = 210;
  const colW = (width - left - panel) / trace.inputs.length;
  const top = 26;
  const yOut = top;
  const yHid = yOut + V * ROW + GAP;
  const yIn = yHid + H * ROW + GAP;
  const yInLabel = yIn + V * ROW + 16;

  ctx.textBaseline = 'middle';
  ctx.font = CANVAS_FONT(13);
  ctx.fillStyle = PALETTE.ink;
  ctx.textAlign = 'right';
  ctx.fillText('output: score · p', left - 10, yOut + (V * ROW) / 2);
  ctx.fillText('hidden s_t', left - 10, yHid + (H * ROW) / 2);
  ctx.fillText('input x_t', left - 10, yIn + (V * ROW) / 2);
  ctx.fillText(mode === 'train' ? 'target' : 'sampled', left - 10, top - 14);

  const stateColour = (v: number) => interpolatePuOr(0.5 - Math.max(-1, Math.min(1, v)) * 0.3);
  for (let t = 0; t < trace.inputs.length; t++) {
    const x = left + t * colW + (colW - BOX_W) / 2;
    const visible = mode === 'train' || t < pic.shown;
    ctx.globalAlpha = visible ? 1 : 0.18;
    // Arrows first, boxes over them.
    arrow(ctx, x + BOX_W / 2, yIn - 2, x + BOX_W / 2, yHid + H * ROW + 2, PALETTE.blue);
    arrow(ctx, x + BOX_W / 2, yHid - 2, x + BOX_W / 2, yOut + V * ROW + 2, PALETTE.green);
    if (t + 1 < trace.inputs.length) arrow(ctx, x + BOX_W + 2, yHid + (H * ROW) / 2, x + colW - 2, yHid + (H * ROW) / 2, PALETTE.vermillion);
    if (mode === 'sample' && t + 1 < trace.inputs.length && t + 1 < pic.shown) feedBack(ctx, x + BOX_W, yOut + ROW * (trace.targets[t]! + 0.5), x + colW, yIn + ROW * (trace.inputs[t + 1]! + 0.5));

    // Input: one-hot.
    for (let v = 0; v < V; v++) {
      const on = trace.inputs[t] === v;
      cellBox(ctx, x, yIn + v * ROW, BOX_W, ROW, on ? '#e8eef7' : '#fff');
      ctx.fillStyle = on ? PALETTE.ink : PALETTE.muted;
      ctx.font = on ? CANVAS_MONO(13, 700) : CANVAS_MONO(13);
      ctx.textAlign = 'center';
      ctx.fillText(on ? '1' : '0', x + BOX_W / 2, yIn + v * ROW + ROW / 2);
    }
    ctx.font = CANVAS_FONT(15, 700);
    ctx.fillStyle = PALETTE.ink;
    ctx.fillText(`"${VOCAB[trace.inputs[t]!]}"`, x + BOX_W / 2, yInLabel);

    // Hidden state.
    for (let j = 0; j < H; j++) {
      const v = trace.hidden[t]![j]!;
      cellBox(ctx, x, yHid + j * ROW, BOX_W, ROW, stateColour(v));
      ctx.fillStyle = PALETTE.ink;
      ctx.font = CANVAS_MONO(13);
      ctx.textAlign = 'center';
      ctx.fillText(v.toFixed(2), x + BOX_W / 2, yHid + j * ROW + ROW / 2);
    }

    // Output: scores (coloured) and probabilities (bars).
    for (let v = 0; v < V; v++) {
      const y = yOut + v * ROW;
      const target = trace.targets[t] === v;
      cellBox(ctx, x, y, BOX_W, ROW, '#fff');
      const p = trace.probs[t]![v]!;
      ctx.fillStyle = target ? '#cfeee3' : '#f4e4da';
      if (mode === 'sample') ctx.fillStyle = target ? '#d6e6f4' : '#eeeeee';
      ctx.fillRect(x + BOX_W / 2 + 1, y + 2, Math.max(0, (BOX_W / 2 - 3) * p), ROW - 4);
      ctx.font = target ? CANVAS_MONO(13, 700) : CANVAS_MONO(13);
      ctx.fillStyle = mode === 'sample' ? (target ? PALETTE.blue : PALETTE.muted) : target ? RAISE : LOWER;
      ctx.textAlign = 'right';
      ctx.fillText(trace.scores[t]![v]!.toFixed(2), x + BOX_W / 2 - 4, y + ROW / 2);
      ctx.fillStyle = PALETTE.ink;
      ctx.font = CANVAS_MONO(12);
      ctx.fillText(p.toFixed(2), x + BOX_W - 3, y + ROW / 2);
    }
    ctx.font = CANVAS_FONT(15, 700);
    ctx.textAlign = 'center';
    ctx.fillStyle = mode === 'sample' ? PALETTE.blue : RAISE;
    ctx.fillText(`"${VOCAB[trace.targets[t]!]}"`, x + BOX_W / 2, top - 14);
    ctx.globalAlpha = 1;
  }
  // Row labels of the output and input vectors: which character each entry stands for.
  ctx.font = CANVAS_MONO(12);
  ctx.fillStyle = PALETTE.muted;
  ctx.textAlign = 'left';
  for (let v = 0; v < V; v++) {
    ctx.fillText(VOCAB[v]!, left - 4 + 0, yOut + v * ROW + ROW / 2);
    ctx.fillText(VOCAB[v]!, left - 4, yIn + v * ROW + ROW / 2);
  }
  drawPanel(c, pic, width - panel + 14, top);
}

function drawPanel(c: DemoCanvas, pic: HelloPicture, x: number, y0: number): void {
  const { ctx } = c;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  let y = y0;
  const line = (text: string, font: string, colour: string = PALETTE.ink, gap = 22) => {
    ctx.font = font;
    ctx.fillStyle = colour;
    ctx.fillText(text, x, y);
    y += gap;
  };
  line(`step ${pic.step}`, CANVAS_FONT(15, 700));
  if (pic.mode === 'train') {
    line(`J = ${pic.trace.loss.toFixed(3)} nats`, CANVAS_FONT(15));
    line(`at step 0: J = ${pic.loss0.toFixed(3)}`, CANVAS_FONT(13), PALETTE.muted, 18);
    line(`ln 4 = ${Math.log(4).toFixed(3)} (a uniform guess)`, CANVAS_FONT(13), PALETTE.muted, 26);
    const learned = pic.trace.predicted === 'ello';
    line(`predicts "${pic.trace.predicted}"`, CANVAS_FONT(15, 700), learned ? RAISE : LOWER, 28);
    line('green: target score, raise it', CANVAS_FONT(13), RAISE, 18);
    line('red: other scores, lower them', CANVAS_FONT(13), LOWER, 18);
  } else {
    const sampled = pic.trace.targets.slice(0, pic.shown).map((i) => VOCAB[i]).join('');
    line(`sample: "h${sampled}"`, CANVAS_FONT(15, 700), PALETTE.blue, 26);
    line('each sample is fed back', CANVAS_FONT(13), PALETTE.muted, 18);
    line('in as the next input', CANVAS_FONT(13), PALETTE.muted, 18);
    line('(temperature 1)', CANVAS_FONT(13), PALETTE.muted, 18);
  }
}

function cellBox(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, fill: string): void {
  ctx.fillStyle = fill;
  ctx.fillRect(x, y, w, h);
  ctx.strokeStyle = PALETTE.grid;
  ctx.lineWidth = 1;
  ctx.strokeRect(x + 0.5, y + 0.5, w - 1, h - 1);
}

/** The sampled character goes back in: a dashed curve from its score to the next input. */
function feedBack(ctx: CanvasRenderingContext2D, x1: number, y1: number, x2: number, y2: number): void {
  ctx.save();
  ctx.setLineDash([5, 4]);
  ctx.strokeStyle = PALETTE.blue;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.bezierCurveTo(x1 + 40, y1, x2 - 40, y2, x2 - 2, y2);
  ctx.stroke();
  ctx.restore();
}

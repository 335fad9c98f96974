/** Draws demos/sentiment: the padded review with its hidden states and running P(positive), and the training. */
import { interpolatePuOr } from 'd3-scale-chromatic';
import { scaleSequential } from 'd3-scale';
import { CANVAS_FONT, CANVAS_MONO, PALETTE, type DemoCanvas } from '../../src/widgets/ui.ts';
import { CELL_LABELS } from './model.ts';
import type { SentimentPicture } from './picture.ts';
import { cornerAxes } from '../../src/widgets/canvas-marks.ts';

/** Room above the drawing for the text box. */
export const INPUT_BAND = 40;
const stateColour = scaleSequential(interpolatePuOr).domain([1, -1]);
const BG = '#fdfcf8';
const PAD_FILL = '#e4e1d8';
const POSITIVE = PALETTE.blue;
const NEGATIVE = PALETTE.vermillion;
/** Words outside the training vocabulary: a dark magenta that keeps 4.5:1 on the background. */
const UNKNOWN_WORD = '#9b2f72';

export interface PictureExtras {
  /** P(positive) from the tf.layers model on the padded row, or null while it is not computed. */
  layersP: number | null;
  training: boolean;
}

function label(ctx: CanvasRenderingContext2D, s: string, x: number, y: number, font: string, colour: string = PALETTE.ink, align: CanvasTextAlign = 'left'): void {
  ctx.font = font;
  ctx.fillStyle = colour;
  ctx.textAlign = align;
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(s, x, y);
}

export function drawSentiment(c: DemoCanvas, pic: SentimentPicture, extras: PictureExtras): void {
  const { ctx, width, height } = c;
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = BG;
  ctx.fillRect(0, 0, width, height);
  const split = Math.round(width * 0.64);
  drawReading(ctx, pic, 8, INPUT_BAND + 6, split - 70, height - INPUT_BAND - 10);
  drawVerdict(ctx, pic, extras, split, INPUT_BAND - 28, width - split - 8, height);
}

function drawReading(ctx: CanvasRenderingContext2D, pic: SentimentPicture, x0: number, y0: number, w: number, h: number): void {
  const T = pic.words.length;
  const L = pic.pads + T;
  const left = x0 + 84;
  const col = Math.min(46, (w - 84) / Math.max(1, L));
  const H = pic.reading.states[0]?.length ?? 8;
  const cell = 13;
  const yWords = y0 + 54;
  const yHeat = yWords + 16;
  const yChart = yHeat + H * cell + 22;
  const chartH = Math.max(60, y0 + h - yChart - 26);
  label(ctx, 'read', x0, yWords, CANVAS_FONT(12.5), PALETTE.muted);
  label(ctx, `h_t (${H})`, x0, yHeat + (H * cell) / 2 + 4, CANVAS_FONT(12.5), PALETTE.muted);
  label(ctx, 'P(positive)', x0, yChart + chartH * 0.3, CANVAS_FONT(12.5), PALETTE.muted);
  label(ctx, 'after word t', x0, yChart + chartH * 0.3 + 16, CANVAS_FONT(12.5), PALETTE.muted);
  for (let k = 0; k < L; k++) {
    const x = left + k * col;
    const t = k - pic.pads;
    ctx.save();
    ctx.translate(x + col / 2, yWords);
    ctx.rotate(-0.8);
    const word = t < 0 ? 'pad' : pic.words[t]!;
    label(ctx, word.length > 9 ? `${word.slice(0, 8)}…` : word, 0, 0, t < 0 ? CANVAS_FONT(11.5) : CANVAS_MONO(14), t < 0 ? PALETTE.muted : pic.known[t] ? PALETTE.ink : UNKNOWN_WORD);
    ctx.restore();
    for (let j = 0; j < H; j++) {
      ctx.fillStyle = t < 0 ? PAD_FILL : stateColour(pic.reading.states[t]![j]!);
      ctx.fillRect(x + 1, yHeat + j * cell, col - 2, cell - 1);
    }
  }
  if (pic.pads > 0) {
    const wPad = pic.pads * col;
    label(ctx, 'masked: h stays 0', left + wPad / 2, yHeat + (H * cell) / 2 + 4, CANVAS_FONT(12, 700), PALETTE.ink, 'center');
  }
  if (T === 0) label(ctx, 'type a review above', left + 8, yHeat + (H * cell) / 2, CANVAS_FONT(14), PALETTE.muted);
  // The running verdict: where the review would stand if it ended after each word.
  const top = yChart, bottom = yChart + chartH;
  ctx.strokeStyle = PALETTE.muted;
  ctx.lineWidth = 1;
  ctx.strokeRect(left, top, L * col, chartH);
  ctx.setLineDash([4, 3]);
  ctx.beginPath();
  ctx.moveTo(left, (top + bottom) / 2);
  ctx.lineTo(left + L * col, (top + bottom) / 2);
  ctx.stroke();
  ctx.setLineDash([]);
  label(ctx, '1', left - 4, top + 10, CANVAS_FONT(11), PALETTE.muted, 'right');
  label(ctx, '½', left - 4, (top + bottom) / 2 + 4, CANVAS_FONT(11), PALETTE.muted, 'right');
  label(ctx, '0', left - 4, bottom, CANVAS_FONT(11), PALETTE.muted, 'right');
  const yOf = (p: number) => bottom - p * chartH;
  ctx.strokeStyle = PALETTE.ink;
  ctx.lineWidth = 2;
  ctx.beginPath();
  pic.reading.probs.forEach((p, t) => {
    const x = left + (pic.pads + t + 0.5) * col;
    if (t === 0) ctx.moveTo(x, yOf(p));
    else ctx.lineTo(x, yOf(p));
  });
  ctx.stroke();
  pic.reading.probs.forEach((p, t) => {
    ctx.fillStyle = p > 0.5 ? POSITIVE : NEGATIVE;
    ctx.beginPath();
    ctx.arc(left + (pic.pads + t + 0.5) * col, yOf(p), 4.5, 0, Math.PI * 2);
    ctx.fill();
  });
  label(ctx, 'magenta: a word the model never saw (<unknown>)', left, bottom + 18, CANVAS_FONT(12), UNKNOWN_WORD);
}

function drawVerdict(ctx: CanvasRenderingContext2D, pic: SentimentPicture, extras: PictureExtras, x0: number, y0: number, w: number, height: number): void {
  const p = pic.reading.p;
  const positive = p > 0.5;
  label(ctx, positive ? 'positive' : 'negative', x0, y0 + 36, CANVAS_FONT(30, 700), positive ? POSITIVE : NEGATIVE);
  label(ctx, `P(positive) = ${p.toFixed(3)}`, x0, y0 + 62, CANVAS_MONO(17));
  ctx.fillStyle = '#efece3';
  ctx.fillRect(x0, y0 + 70, w, 12);
  ctx.fillStyle = positive ? POSITIVE : NEGATIVE;
  ctx.fillRect(x0, y0 + 70, w * p, 12);
  let y = y0 + 104;
  const line = (s: string, font = CANVAS_FONT(12.5), colour: string = PALETTE.ink) => {
    label(ctx, s, x0, y, font, colour);
    y += 18;
  };
  line('tf.layers, padded row, mask_zero:', CANVAS_FONT(12.5, 700));
  line(`  ${extras.layersP === null ? '…' : extras.layersP.toFixed(4)} (float32, page backend)`);
  line(`  ${p.toFixed(4)} float64 reference, words only`);
  line(`  ${pic.unmasked.toFixed(4)} if the pads were read (no mask)`, CANVAS_FONT(12.5), PALETTE.muted);
  y += 10;
  line(`${CELL_LABELS[pic.cell]} · epoch ${pic.epoch}${extras.training ? ` of ${pic.target} · training…` : ''}`, CANVAS_FONT(13.5, 700));
  const right = Math.round(pic.heldOut.accuracy * pic.heldOutCount);
  line(`held-out accuracy ${(100 * pic.heldOut.accuracy).toFixed(1)} % (${right} of ${pic.heldOutCount})`);
  line(`training: loss ${pic.train.loss.toFixed(3)}, accuracy ${(100 * pic.train.accuracy).toFixed(1)} %`);
  drawCurves(ctx, pic, x0, y + 4, w, height - y - 12);
}

function drawCurves(ctx: CanvasRenderingContext2D, pic: SentimentPicture, x0: number, y0: number, w: number, h: number): void {
  const left = x0 + 24, right = x0 + w - 4, top = y0 + 6, bottom = y0 + h - 14;
  cornerAxes(ctx, left, top, right, bottom, PALETTE.muted);
  label(ctx, '1', left - 4, top + 8, CANVAS_FONT(11), PALETTE.muted, 'right');
  label(ctx, '0', left - 4, bottom, CANVAS_FONT(11), PALETTE.muted, 'right');
  label(ctx, 'epochs', right, bottom + 13, CANVAS_FONT(11), PALETTE.muted, 'right');
  const n = Math.max(pic.target, pic.epoch, 2);
  const xOf = (e: number) => left + ((right - left) * e) / n;
  const series = (vals: number[], colour: string, name: string, scale: number) => {
    if (vals.length === 0) return;
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2.5;
    ctx.beginPath();
    vals.forEach((v, i) => {
      const y = bottom - (bottom - top) * Math.min(1, v / scale);
      if (i === 0) ctx.moveTo(xOf(i + 1), y);
      else ctx.lineTo(xOf(i + 1), y);
    });
    ctx.stroke();
    const last = vals[vals.length - 1]!;
    label(ctx, name, xOf(vals.length) - 2, bottom - (bottom - top) * Math.min(1, last / scale) - 6, CANVAS_FONT(11.5, 700), colour, 'right');
  };
  series(pic.heldOutCurve, PALETTE.blue, 'held-out accuracy', 1);
  series(pic.trainLoss, PALETTE.vermillion, 'training loss', 1);
  if (pic.heldOutCurve.length === 0) label(ctx, 'press “train”', left + 8, (top + bottom) / 2, CANVAS_FONT(12.5), PALETTE.muted);
}

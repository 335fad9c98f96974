/** Draws demos/sliding-window: the shuffle experiment on the left, the long dependency on the right. */
import { interpolatePuOr } from 'd3-scale-chromatic';
import { scaleSequential } from 'd3-scale';
import { CANVAS_FONT, CANVAS_MONO, PALETTE, type DemoCanvas } from '../../src/widgets/ui.ts';
import type { SlidingPicture } from './picture.ts';
import { SYMBOLS, VOCAB } from './task.ts';
import { cornerAxes } from '../../src/widgets/canvas-marks.ts';

/** One colour per window slot (Okabe–Ito), so a moved slot and its moved weights read as one. */
export const SLOT_COLOURS = [PALETTE.blue, PALETTE.orange, PALETTE.green, PALETTE.vermillion, PALETTE.purple, PALETTE.sky] as const;
const weightColour = scaleSequential(interpolatePuOr).domain([1.5, -1.5]);
const BG = '#fdfcf8';
const fmt = (p: number) => p.toFixed(6);

export function drawSlidingWindow(c: DemoCanvas, pic: SlidingPicture): void {
  const { ctx, width, height } = c;
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = BG;
  ctx.fillRect(0, 0, width, height);
  const split = Math.round(width * 0.5);
  drawShuffle(ctx, pic, 8, split - 16);
  ctx.strokeStyle = PALETTE.grid;
  ctx.beginPath();
  ctx.moveTo(split - 4, 8);
  ctx.lineTo(split - 4, height - 8);
  ctx.stroke();
  drawDependency(ctx, pic, split + 8, width - split - 16, height);
}

function text(ctx: CanvasRenderingContext2D, s: string, x: number, y: number, font: string, colour: string = PALETTE.ink, align: CanvasTextAlign = 'left'): void {
  ctx.font = font;
  ctx.fillStyle = colour;
  ctx.textAlign = align;
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(s, x, y);
}

function chip(ctx: CanvasRenderingContext2D, symbol: string, x: number, y: number, size: number, edge: string, lineWidth = 2.5): void {
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(x, y, size, size);
  ctx.strokeStyle = edge;
  ctx.lineWidth = lineWidth;
  ctx.strokeRect(x + lineWidth / 2, y + lineWidth / 2, size - lineWidth, size - lineWidth);
  text(ctx, symbol, x + size / 2, y + size * 0.7, CANVAS_MONO(size * 0.6), PALETTE.ink, 'center');
}

/** Slot `slot`'s block of W: V rows (one per symbol) × H columns; the row of the symbol read is outlined. */
function weightBlock(ctx: CanvasRenderingContext2D, rows: number[][], slot: number, symbol: number, x: number, y: number, cell: number): void {
  for (let v = 0; v < VOCAB; v++) {
    const row = rows[slot * VOCAB + v]!;
    row.forEach((w, j) => {
      ctx.fillStyle = weightColour(w);
      ctx.fillRect(x + j * cell, y + v * cell, cell - 0.5, cell - 0.5);
    });
  }
  ctx.strokeStyle = PALETTE.ink;
  ctx.lineWidth = 1.5;
  ctx.strokeRect(x - 1, y + symbol * cell - 1, (rows[0]?.length ?? 0) * cell + 1, cell + 1);
}

function drawShuffle(ctx: CanvasRenderingContext2D, pic: SlidingPicture, x0: number, w: number): void {
  const { shuffle, window } = pic;
  const ids = pic.sequence.slice(pic.sequence.length - window);
  text(ctx, '① Shuffle the window and W’s rows together', x0, 20, CANVAS_FONT(15, 700));
  const H = pic.firstLayer[0]?.length ?? 1;
  const slotW = Math.min(68, (w - 190) / window);
  const cell = Math.max(3, Math.min(7, (slotW - 6) / H));
  const size = Math.min(28, slotW - 8);
  const rowsAt = [46, 168];
  const labels = ['as trained', shuffle.perm.some((p, k) => p !== k) ? 'shuffled' : 'not shuffled'];
  const outputs = [shuffle.original, shuffle.together];
  rowsAt.forEach((y, r) => {
    text(ctx, labels[r]!, x0, y + 18, CANVAS_FONT(13.5, 700));
    text(ctx, 'slots', x0, y + size + 4 - 12 + 20, CANVAS_FONT(12), PALETTE.muted);
    text(ctx, 'W rows', x0, y + size + 22 + 2.5 * cell, CANVAS_FONT(12), PALETTE.muted);
    for (let k = 0; k < window; k++) {
      const from = r === 0 ? k : shuffle.perm[k]!;
      const x = x0 + 88 + k * slotW;
      chip(ctx, SYMBOLS[ids[from]!]!, x, y, size, SLOT_COLOURS[from]!);
      if (r === 1) text(ctx, `was ${from + 1}`, x + size / 2, y - 4, CANVAS_FONT(11.5), PALETTE.muted, 'center');
      weightBlock(ctx, pic.firstLayer, from, ids[from]!, x, y + size + 8, cell);
      ctx.fillStyle = SLOT_COLOURS[from]!;
      ctx.fillRect(x, y + size + 10 + VOCAB * cell, H * cell, 3);
    }
    const px = x0 + 88 + window * slotW + 4;
    text(ctx, '→ MLP →', px, y + 18, CANVAS_FONT(13.5), PALETTE.muted);
    text(ctx, `P(B) = ${fmt(outputs[r]!.probs[1]!)}`, px, y + 40, CANVAS_MONO(15));
  });
  const yEq = 290;
  const moved = shuffle.perm.some((p, k) => p !== k);
  text(
    ctx,
    !moved ? 'Press “shuffle window” to move the slots' : shuffle.equal ? '✓ same output, bit for bit (every h and P equal)' : '✗ outputs differ',
    x0,
    yEq,
    CANVAS_FONT(14.5, 700),
    !moved ? PALETTE.muted : shuffle.equal ? '#00795a' : PALETTE.vermillion,
  );
  if (moved) {
    const d = shuffle.inputsOnly.probs[1]! - shuffle.original.probs[1]!;
    const sameSymbols = shuffle.perm.every((from, k) => ids[from] === ids[k]);
    text(
      ctx,
      sameSymbols
        ? 'Slots shuffled, W kept: here every slot still reads its own symbol (try the next sequence)'
        : `Slots shuffled, W kept: P(B) = ${fmt(shuffle.inputsOnly.probs[1]!)} (Δ ${d >= 0 ? '+' : ''}${d.toFixed(6)})`,
      x0,
      yEq + 24,
      CANVAS_FONT(13.5),
    );
    text(ctx, 'The MLP depends on order, but nothing in it says slot 1 comes before slot 2.', x0, yEq + 46, CANVAS_FONT(12.5), PALETTE.muted);
  }
}

function drawDependency(ctx: CanvasRenderingContext2D, pic: SlidingPicture, x0: number, w: number, height: number): void {
  const T = pic.sequence.length;
  text(ctx, '② A dependency longer than the window', x0, 20, CANVAS_FONT(15, 700));
  const size = Math.min(28, (w - 8) / T - 4);
  const step = size + 4;
  const y = 56;
  const key = T - 1 - pic.lag;
  text(ctx, `RNN reads all ${T} steps →`, x0, y - 14, CANVAS_FONT(12.5), PALETTE.muted);
  pic.sequence.forEach((id, t) => chip(ctx, SYMBOLS[id]!, x0 + t * step, y, size, t === key ? PALETTE.vermillion : PALETTE.grid, t === key ? 3 : 1.5));
  text(ctx, `key, ${pic.lag} back`, x0 + key * step, y + size + 16, CANVAS_FONT(12.5, 700), PALETTE.vermillion);
  const wx = x0 + (T - pic.window) * step - 2;
  ctx.strokeStyle = PALETTE.blue;
  ctx.lineWidth = 2;
  ctx.strokeRect(wx, y - 4, pic.window * step, size + 8);
  text(ctx, `MLP window (${pic.window})`, wx + pic.window * step, y + size + 32, CANVAS_FONT(12.5, 700), PALETTE.blue, 'right');
  const sym = SYMBOLS[pic.label]!;
  text(ctx, `class ${sym}: MLP P(${sym}) = ${pic.mlpProbs[pic.label]!.toFixed(3)}, RNN P(${sym}) = ${pic.rnnProbs[pic.label]!.toFixed(3)}`, x0, y + size + 56, CANVAS_FONT(13.5));

  const by = y + size + 78;
  text(ctx, 'held-out accuracy (256 sequences)', x0, by, CANVAS_FONT(13, 700));
  const bars: [string, number, string][] = [
    [`MLP (${pic.mlpSteps} steps)`, pic.mlpAccuracy, PALETTE.blue],
    [`RNN (${pic.rnnSteps} steps)`, pic.rnnAccuracy, PALETTE.vermillion],
  ];
  const bx = x0 + 122, bw = w - 180;
  bars.forEach(([label, acc, colour], i) => {
    const yy = by + 10 + i * 26;
    text(ctx, label, x0, yy + 15, CANVAS_FONT(12.5));
    ctx.fillStyle = '#efece3';
    ctx.fillRect(bx, yy, bw, 20);
    ctx.fillStyle = colour;
    ctx.fillRect(bx, yy, bw * acc, 20);
    text(ctx, `${(100 * acc).toFixed(1)} %`, bx + bw + 6, yy + 15, CANVAS_MONO(14));
  });
  ctx.strokeStyle = PALETTE.ink;
  ctx.setLineDash([4, 3]);
  ctx.beginPath();
  ctx.moveTo(bx + bw / 2, by + 6);
  ctx.lineTo(bx + bw / 2, by + 62);
  ctx.stroke();
  ctx.setLineDash([]);
  text(ctx, 'chance', bx + bw / 2, by + 74, CANVAS_FONT(11.5), PALETTE.muted, 'center');
  drawLosses(ctx, pic, x0, by + 84, w, height - (by + 84) - 10);
}

function drawLosses(ctx: CanvasRenderingContext2D, pic: SlidingPicture, x0: number, y0: number, w: number, h: number): void {
  text(ctx, 'training loss (cross-entropy)', x0, y0 + 10, CANVAS_FONT(13, 700));
  const top = y0 + 18, left = x0 + 30, right = x0 + w - 8, bottom = y0 + h - 4;
  const n = Math.max(2, pic.mlpLoss.length, pic.rnnLoss.length);
  const ymax = Math.max(0.8, ...pic.mlpLoss, ...pic.rnnLoss);
  cornerAxes(ctx, left, top, right, bottom, PALETTE.muted);
  text(ctx, ymax.toFixed(1), left - 4, top + 8, CANVAS_FONT(11), PALETTE.muted, 'right');
  text(ctx, '0', left - 4, bottom, CANVAS_FONT(11), PALETTE.muted, 'right');
  const line = (vals: number[], colour: string, label: string) => {
    if (vals.length === 0) return;
    ctx.strokeStyle = colour;
    ctx.lineWidth = 2.5;
    ctx.beginPath();
    vals.forEach((v, i) => {
      const x = left + ((right - left) * i) / (n - 1);
      const y = bottom - ((bottom - top) * v) / ymax;
      if (i === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    });
    ctx.stroke();
    const last = vals[vals.length - 1]!;
    text(ctx, `${label} ${last.toFixed(3)}`, right, bottom - ((bottom - top) * last) / ymax - 6, CANVAS_FONT(12, 700), colour, 'right');
  };
  line(pic.mlpLoss, PALETTE.blue, 'MLP');
  line(pic.rnnLoss, PALETTE.vermillion, 'RNN');
  if (pic.mlpLoss.length === 0 && pic.rnnLoss.length === 0) text(ctx, 'press “train both” to train the two models', left + 8, (top + bottom) / 2, CANVAS_FONT(13), PALETTE.muted);
}

/**
 * Draws the bidirectional demo: left, held-out accuracy per position of both models and the
 * best a left-to-right reader can do; right, one held-out line, each model's P(x in line)
 * per letter, and the hidden states per step (the one-direction RNN's, then the
 * bidirectional one's forward and backward halves).
 */
import { drawStateHeatmap, drawStateKey } from '../../src/widgets/heatmap.ts';
import { drawLegend, drawLineChart } from '../../src/widgets/line-chart.ts';
import { CANVAS_FONT, CANVAS_MONO, clearCanvas, PALETTE, type DemoCanvas } from '../../src/widgets/ui.ts';
import type { LineTrace, ModelEval } from './model.ts';
import { causalCeiling, LETTERS } from './task.ts';

export interface BiPicture {
  T: number;
  step: number;
  maxSteps: number;
  sizes: { uniHidden: number; uniWeights: number; biHidden: number; biWeights: number };
  evals: [ModelEval, ModelEval];
  lines: [LineTrace, LineTrace];
}

const UNI = PALETTE.vermillion;
const BI = PALETTE.blue;
const CHART_W = 360;

function label(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, color: string = PALETTE.ink, align: CanvasTextAlign = 'right'): void {
  ctx.font = CANVAS_FONT(14);
  ctx.fillStyle = color;
  ctx.textAlign = align;
  ctx.textBaseline = 'middle';
  ctx.fillText(text, x, y);
}

/** One row of per-letter probabilities: a bar in each cell, the model's answer above ½. */
function probabilityRow(ctx: CanvasRenderingContext2D, probs: readonly number[], tags: readonly number[], x: number, y: number, cell: number, h: number, color: string): void {
  probs.forEach((p, t) => {
    ctx.fillStyle = '#f1efe8';
    ctx.fillRect(x + t * cell + 1, y, cell - 2, h);
    ctx.fillStyle = color;
    const bh = Math.max(0, Math.min(1, p)) * h;
    ctx.fillRect(x + t * cell + 1, y + h - bh, cell - 2, bh);
    if ((p > 0.5 ? 1 : 0) !== tags[t]) {
      // A wrong answer is marked with a cross, not colour alone.
      ctx.strokeStyle = PALETTE.ink;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.moveTo(x + t * cell + 5, y + 3);
      ctx.lineTo(x + (t + 1) * cell - 5, y + h - 3);
      ctx.moveTo(x + (t + 1) * cell - 5, y + 3);
      ctx.lineTo(x + t * cell + 5, y + h - 3);
      ctx.stroke();
    }
  });
}

export function drawBidirectional(c: DemoCanvas, pic: BiPicture): void {
  const { ctx } = c;
  clearCanvas(c);
  const { T, evals, lines, sizes } = pic;
  const positions = Array.from({ length: T }, (_, t) => t + 1);
  const series = [
    { label: `one direction (H = ${sizes.uniHidden}, ${sizes.uniWeights} weights)`, color: UNI, points: positions.map((x, t) => [x, evals[0].accuracy[t]!] as const), dots: true },
    { label: `bidirectional (H = 2 × ${sizes.biHidden}, ${sizes.biWeights} weights)`, color: BI, points: positions.map((x, t) => [x, evals[1].accuracy[t]!] as const), dots: true },
    { label: 'best any left-to-right reader can do', color: PALETTE.muted, points: positions.map((x, t) => [x, causalCeiling(t, T)] as const), dashed: true },
  ];
  drawLineChart(ctx, { x: 0, y: 70, width: CHART_W, height: c.height - 70, xDomain: [1, T], yDomain: [0.4, 1], xLabel: 'position in the line', yLabel: 'held-out accuracy', xTicks: Math.min(T, 8) }, series);
  drawLegend(ctx, 8, 2, series);

  // Right: one held-out line, answers and states per letter.
  const x0 = CHART_W + 150;
  const cell = Math.min(28, Math.floor((c.width - x0 - 8) / T));
  let y = 14;
  label(ctx, `step ${pic.step} of ${pic.maxSteps}`, c.width - 4, y, PALETTE.muted);
  label(ctx, 'held-out line', x0 - 8, y + 18);
  ctx.font = CANVAS_MONO(19);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  lines[0].letters.forEach((l, t) => {
    ctx.fillStyle = LETTERS[l] === 'x' ? PALETTE.vermillion : PALETTE.ink;
    ctx.fillText(LETTERS[l] ?? '?', x0 + (t + 0.5) * cell, y + 18);
  });
  y += 42;
  label(ctx, `answer: ${lines[0].tags[0] ? 'x in line' : 'no x'}`, x0 - 8, y);
  y += 22;
  label(ctx, 'P(x in line), per letter', x0 - 8, y, PALETTE.muted);
  y += 10;
  label(ctx, 'one direction', x0 - 8, y + 11, UNI);
  probabilityRow(ctx, lines[0].prob, lines[0].tags, x0, y, cell, 22, UNI);
  y += 28;
  label(ctx, 'bidirectional', x0 - 8, y + 11, BI);
  probabilityRow(ctx, lines[1].prob, lines[1].tags, x0, y, cell, 22, BI);
  y += 36;

  const rowH = Math.max(7, Math.min(12, Math.floor(150 / (sizes.uniHidden + 2 * sizes.biHidden))));
  const blocks: [string, number[][], string][] = [
    ['one direction →', lines[0].fw, UNI],
    ['bidi. forward →', lines[1].fw, BI],
    ['bidi. backward ←', lines[1].bw ?? [], BI],
  ];
  for (const [name, states, color] of blocks) {
    const units = states[0]?.length ?? 0;
    label(ctx, name, x0 - 8, y + (units * rowH) / 2, color);
    drawStateHeatmap(ctx, states, x0, y, cell, rowH);
    y += units * rowH + 8;
  }
  drawStateKey(ctx, x0, Math.min(y + 2, c.height - 30), Math.min(200, T * cell), 'hidden state');
}

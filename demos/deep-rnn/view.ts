/**
 * Draws the deep-RNN demo: left, the held-out loss of the three stacks against the step
 * (weights and held-out accuracy in the legend); right, one held-out stream, the right
 * answers, the shown stack's answers and each of its layers' hidden states over time, top
 * layer uppermost as in the stacked figure.
 */
import { drawStateHeatmap, drawStateKey } from '../../src/widgets/heatmap.ts';
import { drawLegend, drawLineChart, type Series } from '../../src/widgets/line-chart.ts';
import { CANVAS_FONT, CANVAS_MONO, clearCanvas, PALETTE, type DemoCanvas } from '../../src/widgets/ui.ts';
import type { StackTrace } from './model.ts';
import { RULE } from './task.ts';

export interface DeepPicture {
  step: number;
  maxSteps: number;
  /** Per stack (1, 2, 3 layers): width, weight count, latest held-out figures (null before the first report). */
  stacks: { depth: number; width: number; weights: number; accuracy: number | null; heldOutLoss: number | null }[];
  /** [step, training loss ×3, held-out loss ×3] per report. */
  curves: number[][];
  shown: number;
  trace: StackTrace;
}

export const DEPTH_COLORS = [PALETTE.vermillion, PALETTE.blue, PALETTE.green] as const;
const CHART_W = 390;

function label(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, color: string = PALETTE.ink, align: CanvasTextAlign = 'right'): void {
  ctx.font = CANVAS_FONT(14);
  ctx.fillStyle = color;
  ctx.textAlign = align;
  ctx.textBaseline = 'middle';
  ctx.fillText(text, x, y);
}

function digitRow(ctx: CanvasRenderingContext2D, values: readonly number[], x0: number, y: number, cell: number): void {
  ctx.font = CANVAS_MONO(18);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillStyle = PALETTE.ink;
  values.forEach((d, t) => {
    ctx.fillText(String(d), x0 + (t + 0.5) * cell, y);
  });
}

function drawCurves(c: DemoCanvas, pic: DeepPicture): void {
  const n = pic.stacks.length;
  const series: Series[] = pic.stacks.map((s, k) => ({
    label: `${s.depth} layer${s.depth > 1 ? 's' : ''} × ${s.width} (${s.weights} w.)${s.accuracy === null ? '' : `: held-out ${(100 * s.accuracy).toFixed(0)} % right`}`,
    color: DEPTH_COLORS[k]!,
    points: pic.curves.map((p) => [p[0]!, p[1 + n + k]!] as const),
    dashed: k === 0,
  }));
  drawLineChart(c.ctx, { x: 0, y: 64, width: CHART_W, height: c.height - 64, xDomain: [0, pic.maxSteps], yDomain: [0, 1.2], xLabel: 'training step', yLabel: 'held-out loss (cross-entropy)' }, series);
  drawLegend(c.ctx, 8, 0, series);
}

export function drawDeep(c: DemoCanvas, pic: DeepPicture): void {
  const { ctx } = c;
  clearCanvas(c);
  drawCurves(c, pic);

  const { trace } = pic;
  const T = trace.digits.length;
  const x0 = CHART_W + 110;
  const cell = Math.min(24, Math.floor((c.width - x0 - 8) / T));
  let y = 12;
  label(ctx, RULE, CHART_W + 24, y, PALETTE.ink, 'left');
  label(ctx, `step ${pic.step} of ${pic.maxSteps}`, c.width - 4, y, PALETTE.muted);
  y += 22;
  label(ctx, 'digit', x0 - 8, y);
  digitRow(ctx, trace.digits, x0, y, cell);
  y += 20;
  label(ctx, 'right answer', x0 - 8, y);
  digitRow(ctx, trace.answers, x0, y, cell);
  y += 20;
  const color = DEPTH_COLORS[pic.shown - 1]!;
  // Text stays ink (contrast); the stack's colour marks its bars and the swatch.
  label(ctx, 'its answer', x0 - 8, y);
  digitRow(ctx, trace.guess, x0, y, cell);
  y += 12;
  label(ctx, 'P(right)', x0 - 8, y + 10);
  trace.right.forEach((p, t) => {
    ctx.fillStyle = '#f1efe8';
    ctx.fillRect(x0 + t * cell + 1, y, cell - 2, 20);
    ctx.fillStyle = color;
    ctx.fillRect(x0 + t * cell + 1, y + 20 - 20 * p, cell - 2, 20 * p);
    if (trace.guess[t] !== trace.answers[t]) {
      ctx.strokeStyle = PALETTE.ink;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.moveTo(x0 + t * cell + 5, y + 3);
      ctx.lineTo(x0 + (t + 1) * cell - 5, y + 17);
      ctx.moveTo(x0 + (t + 1) * cell - 5, y + 3);
      ctx.lineTo(x0 + t * cell + 5, y + 17);
      ctx.stroke();
    }
  });
  y += 32;
  const layers = trace.layers;
  const units = layers.reduce((n, l) => n + (l[0]?.length ?? 0), 0);
  const rowH = Math.max(5, Math.min(12, Math.floor((c.height - y - 50 - 8 * layers.length) / Math.max(1, units))));
  for (let l = layers.length - 1; l >= 0; l--) {
    const h = (layers[l]![0]?.length ?? 0) * rowH;
    label(ctx, `layer ${l + 1}`, x0 - 8, y + h / 2);
    ctx.fillStyle = color;
    ctx.fillRect(x0 - 6, y, 3, h);
    drawStateHeatmap(ctx, layers[l]!, x0, y, cell, rowH);
    y += h + 8;
  }
  drawStateKey(ctx, x0, Math.min(y + 2, c.height - 30), Math.min(200, T * cell), 'hidden state');
}

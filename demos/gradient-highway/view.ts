/**
 * Draws a Highway on the vanishing demo's log-scale frame: per cell the measured norms per
 * input sequence (thin), their median (thick) and the cell's reference (dashed: the direct
 * path ∏ diag f or ∏ diag z of the gated cells, the bound λ₁^(t−k) of the tanh RNN).
 * A pure function of its inputs, so both windows draw the same pixels.
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import { line } from 'd3-shape';
import type { DemoCanvas } from '../../src/widgets/ui.ts';
import { CANVAS_MONO, PALETTE } from '../../src/widgets/ui.ts';
import { FONT, clearPlot, drawRich, formatLog, logAxes, richWidth, type Part } from '../../src/widgets/log-plot.ts';
import { plotValue } from '../../src/widgets/log-scale.ts';
import { CELL_STYLE } from '../long-lag/view.ts';
import { RACE_CELLS, type RaceCell } from '../long-lag/race.ts';
import type { Highway } from './model.ts';

export const LOG_MIN = -16;
export const LOG_MAX = 4;
const MARGIN = { left: 60, right: 12, top: 62, bottom: 34 };

const QUANTITY: Record<RaceCell, Part[]> = {
  lstm: ['‖∂c', { sub: 't' }, '/∂c', { sub: 'k' }, '‖'],
  gru: ['‖∂h', { sub: 't' }, '/∂h', { sub: 'k' }, '‖'],
  rnn: ['‖∂h', { sub: 't' }, '/∂h', { sub: 'k' }, '‖'],
};
const REFERENCE: Record<RaceCell, Part[]> = {
  lstm: ['∏f'],
  gru: ['∏z'],
  rnn: ['λ', { sub: '1' }, { sup: 't−k' }],
};

export interface HighwayCaption {
  /** What the weights are: "seeded, keep bias 1.0" or "trained: long-lag race, 250 steps". */
  weights: string;
  /** A line shown over the plot while the trained weights are being made, or null. */
  busy: string | null;
}

export function drawHighway(dc: DemoCanvas, h: Highway, caption: HighwayCaption): void {
  const { ctx, width, height } = dc;
  const left = MARGIN.left, right = width - MARGIN.right, top = MARGIN.top, bottom = height - MARGIN.bottom;
  const x = scaleLinear().domain([0, h.horizon]).range([left, right]);
  const y = scaleLog().domain([10 ** LOG_MIN, 10 ** LOG_MAX]).range([bottom, top]);
  const ya = (v: number) => y(10 ** plotValue(v, LOG_MIN, LOG_MAX).value);
  clearPlot(dc);
  logAxes(ctx, { left, right, top, bottom, width, height }, x, y, { logMin: LOG_MIN, logMax: LOG_MAX, every: 4, xLabel: ['gap t − k'], yLabel: ['norm of the Jacobian product (log scale)'] });

  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, right - left, bottom - top);
  ctx.clip();
  const path = line<number>()
    .x((_, d) => x(d))
    .y((v) => ya(v))
    .context(ctx);
  for (const cell of RACE_CELLS) {
    const c = h.cells[cell];
    const style = CELL_STYLE[cell];
    ctx.strokeStyle = style.colour;
    ctx.globalAlpha = 0.3;
    ctx.lineWidth = 1;
    for (const row of c.logNorms) {
      ctx.beginPath();
      path(Array.from(row));
      ctx.stroke();
    }
    ctx.globalAlpha = 1;
    ctx.lineWidth = 2.8;
    ctx.beginPath();
    path(Array.from(c.logMedian));
    ctx.stroke();
    ctx.lineWidth = 1.6;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    path(Array.from(c.logReference));
    ctx.stroke();
    ctx.setLineDash([]);
  }
  ctx.restore();

  // Legend: one row per cell, what is measured (solid) and its reference (dashed), and the value at the largest gap.
  const end = h.horizon;
  let ly = 16;
  ctx.textBaseline = 'alphabetic';
  for (const cell of RACE_CELLS) {
    const c = h.cells[cell];
    const style = CELL_STYLE[cell];
    ctx.strokeStyle = style.colour;
    ctx.lineWidth = 2.8;
    ctx.beginPath();
    ctx.moveTo(left, ly - 5);
    ctx.lineTo(left + 18, ly - 5);
    ctx.stroke();
    ctx.fillStyle = style.colour;
    const head: Part[] = [`${style.name} (h=${c.hidden}) `, ...QUANTITY[cell]];
    drawRich(ctx, left + 24, ly, head, FONT);
    let lx = left + 24 + richWidth(ctx, head, FONT) + 14;
    ctx.lineWidth = 1.6;
    ctx.setLineDash([6, 4]);
    ctx.beginPath();
    ctx.moveTo(lx, ly - 5);
    ctx.lineTo(lx + 18, ly - 5);
    ctx.stroke();
    ctx.setLineDash([]);
    lx += 24;
    const gate = cell === 'rnn' ? `λ₁ = ${c.lambda1.toFixed(2)}` : `mean ${cell === 'lstm' ? 'f' : 'z'} = ${c.meanGate.toFixed(2)}`;
    drawRich(ctx, lx, ly, [...REFERENCE[cell], `  (${gate})`], FONT);
    ctx.fillStyle = PALETTE.ink;
    drawRich(ctx, right, ly, [`at ${end}: ${formatLog(c.logMedian[end]!)}`], FONT, 'right', (px) => CANVAS_MONO(px));
    ly += FONT + 2;
  }
  ctx.fillStyle = PALETTE.muted;
  drawRich(ctx, 4, height - 4, [caption.weights], FONT);
  if (caption.busy) {
    ctx.fillStyle = 'rgba(255, 255, 255, 0.8)';
    ctx.fillRect(left + 1, top + 1, right - left - 2, bottom - top - 2);
    ctx.fillStyle = PALETTE.ink;
    ctx.textAlign = 'center';
    drawRich(ctx, (left + right) / 2 - richWidth(ctx, [caption.busy], FONT + 2) / 2, (top + bottom) / 2, [caption.busy], FONT + 2);
  }
}

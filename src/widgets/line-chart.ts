/**
 * A small line chart on a canvas: framed axes with ticks and labels, and one polyline per
 * series (solid or dashed), with a legend. Shared by the demos that plot accuracies or
 * losses; a pure function of its inputs, so both windows draw the same pixels.
 */
import { scaleLinear } from 'd3-scale';
import { CANVAS_FONT, PALETTE } from './ui.ts';

export interface Series {
  label: string;
  color: string;
  /** [x, y] points; non-finite y values break the line. */
  points: readonly (readonly [number, number])[];
  dashed?: boolean;
  /** Dots at every point (few points), as well as the line. */
  dots?: boolean;
}

export interface ChartSpec {
  x: number;
  y: number;
  width: number;
  height: number;
  xDomain: readonly [number, number];
  yDomain: readonly [number, number];
  xLabel: string;
  yLabel: string;
  xTicks?: number;
  yTicks?: number;
  /** How a y tick reads (default: the number as d3 formats it). */
  yFormat?: (v: number) => string;
}

const FONT = 14;
const MARGIN = { left: 46, right: 8, top: 8, bottom: 38 };

/** Draws the axes and the series; returns the scales' mapping for overlays. */
export function drawLineChart(ctx: CanvasRenderingContext2D, chart: ChartSpec, series: readonly Series[]): { px(x: number): number; py(y: number): number } {
  const sx = scaleLinear().domain(chart.xDomain).range([chart.x + MARGIN.left, chart.x + chart.width - MARGIN.right]);
  const sy = scaleLinear().domain(chart.yDomain).range([chart.y + chart.height - MARGIN.bottom, chart.y + MARGIN.top]).clamp(true);
  ctx.font = CANVAS_FONT(FONT);
  ctx.lineWidth = 1;
  for (const v of sy.ticks(chart.yTicks ?? 5)) {
    ctx.strokeStyle = PALETTE.grid;
    ctx.beginPath();
    ctx.moveTo(sx.range()[0]!, Math.round(sy(v)) + 0.5);
    ctx.lineTo(sx.range()[1]!, Math.round(sy(v)) + 0.5);
    ctx.stroke();
    ctx.fillStyle = PALETTE.muted;
    ctx.textAlign = 'right';
    ctx.textBaseline = 'middle';
    ctx.fillText(chart.yFormat ? chart.yFormat(v) : sy.tickFormat(chart.yTicks ?? 5)(v), sx.range()[0]! - 5, sy(v));
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const v of sx.ticks(chart.xTicks ?? 6)) ctx.fillText(sx.tickFormat(chart.xTicks ?? 6)(v), sx(v), sy.range()[0]! + 4);
  ctx.fillStyle = PALETTE.ink;
  ctx.fillText(chart.xLabel, (sx.range()[0]! + sx.range()[1]!) / 2, chart.y + chart.height - 18);
  ctx.save();
  ctx.translate(chart.x + 11, (sy.range()[0]! + sy.range()[1]!) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText(chart.yLabel, 0, 0);
  ctx.restore();
  ctx.strokeStyle = PALETTE.muted;
  ctx.strokeRect(sx.range()[0]! + 0.5, sy.range()[1]! + 0.5, sx.range()[1]! - sx.range()[0]!, sy.range()[0]! - sy.range()[1]!);
  for (const s of series) {
    ctx.strokeStyle = s.color;
    ctx.fillStyle = s.color;
    ctx.lineWidth = s.dashed ? 2 : 3;
    ctx.setLineDash(s.dashed ? [6, 4] : []);
    ctx.beginPath();
    let drawing = false;
    for (const [x, y] of s.points) {
      if (!Number.isFinite(y)) {
        drawing = false;
        continue;
      }
      if (drawing) ctx.lineTo(sx(x), sy(y));
      else ctx.moveTo(sx(x), sy(y));
      drawing = true;
    }
    ctx.stroke();
    ctx.setLineDash([]);
    if (s.dots) for (const [x, y] of s.points) if (Number.isFinite(y)) ctx.fillRect(sx(x) - 3, sy(y) - 3, 6, 6);
  }
  return { px: (v) => sx(v), py: (v) => sy(v) };
}

/** A legend: one swatch and label per series, stacked from (x, y). */
export function drawLegend(ctx: CanvasRenderingContext2D, x: number, y: number, series: readonly Pick<Series, 'label' | 'color' | 'dashed'>[]): void {
  ctx.font = CANVAS_FONT(FONT);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  series.forEach((s, i) => {
    const cy = y + i * 20 + 8;
    ctx.strokeStyle = s.color;
    ctx.lineWidth = s.dashed ? 2 : 3;
    ctx.setLineDash(s.dashed ? [6, 4] : []);
    ctx.beginPath();
    ctx.moveTo(x, cy);
    ctx.lineTo(x + 22, cy);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = PALETTE.ink;
    ctx.fillText(s.label, x + 28, cy);
  });
}

/**
 * Draws one Measurement on a canvas: the measured ‖∂a_t/∂a_k‖₂ (a_t the pre-activation state of Pascanu et al.) per input sequence (thin),
 * their median (thick) and the bound (λ₁γ)^(t−k) (dashed) on a log axis, the norm's ranges
 * above and below 1 shaded and labelled as such, and ∞ / →0 marks where a curve leaves the frame. Pure function of its
 * inputs, so driver and follower draw identical pixels from identical states.
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import { line } from 'd3-shape';
import type { DemoCanvas } from '../../src/widgets/ui.ts';
import { CANVAS_FONT, CANVAS_MONO, PALETTE } from '../../src/widgets/ui.ts';
import type { Clip, Measurement } from './model.ts';
import { plotValue } from './model.ts';
import { FONT, clearPlot, drawRich, firstClip, formatLog, logAxes, richWidth, type Part } from '../../src/widgets/log-plot.ts';
import { alongPolyline, leastCovered, type Box, type Point } from '../../src/widgets/label-place.ts';

export { formatLog };

/** Decades shown: 10^−16 … 10^16, wide enough for ~40 steps at λ₁γ = 0.4 and ~20 at λ₁γ = 5. */
export const LOG_MIN = -16;
export const LOG_MAX = 16;

const MARGIN = { left: 60, right: 12, top: 46, bottom: 34 };
const gammaText = (g: number) => (g === 0.25 ? '¼' : String(g));

const MARK_SIZE = FONT + 3;

interface ClipMark {
  x: number;
  kind: Clip;
  colour: string;
}

/** Where the median or the bound leaves the frame: ∞ on top (overflow), →0 below; one mark where two would overlap. */
function clipMarks(m: Measurement, shown: number, x: (d: number) => number): ClipMark[] {
  const medianClips = Array.from(m.logMedian, (v) => plotValue(v, LOG_MIN, LOG_MAX).clip);
  const boundClips = Array.from(m.logBound, (v) => plotValue(v, LOG_MIN, LOG_MAX).clip);
  const marks: ClipMark[] = [];
  const mark = (d: number, kind: Clip, colour: string) => {
    if (d < 0) return;
    const xx = x(d);
    if (marks.some((m2) => Math.abs(m2.x - xx) < 16)) return;
    marks.push({ x: xx, kind, colour });
  };
  mark(firstClip(medianClips, 'over', shown), 'over', PALETTE.blue);
  mark(firstClip(boundClips, 'over', m.horizon), 'over', PALETTE.vermillion);
  mark(firstClip(medianClips, 'under', shown), 'under', PALETTE.blue);
  mark(firstClip(boundClips, 'under', m.horizon), 'under', PALETTE.vermillion);
  return marks;
}

export function drawVanishing(dc: DemoCanvas, m: Measurement, reveal: number): void {
  const { ctx, width, height } = dc;
  const left = MARGIN.left;
  const right = width - MARGIN.right;
  const top = MARGIN.top;
  const bottom = height - MARGIN.bottom;
  const x = scaleLinear().domain([0, m.horizon]).range([left, right]);
  const y = scaleLog()
    .domain([10 ** LOG_MIN, 10 ** LOG_MAX])
    .range([bottom, top]);
  const shown = Math.max(0, Math.min(m.horizon, Math.floor(reveal)));
  const ya = (logValue: number) => y(10 ** plotValue(logValue, LOG_MIN, LOG_MAX).value);

  clearPlot(dc);

  // Regimes: above 1 a product can grow, below 1 it shrinks.
  const y1 = y(1);
  ctx.fillStyle = 'rgba(213, 94, 0, 0.07)';
  ctx.fillRect(left, top, right - left, y1 - top);
  ctx.fillStyle = 'rgba(0, 114, 178, 0.07)';
  ctx.fillRect(left, y1, right - left, bottom - y1);

  logAxes(ctx, { left, right, top, bottom, width, height }, x, y, { logMin: LOG_MIN, logMax: LOG_MAX, every: 4, xLabel: ['gap t − k'], yLabel: ['‖∂a', { sub: 't' }, '/∂a', { sub: 'k' }, '‖', { sub: '2' }, ' (log scale)'] });
  // Region labels say what is shaded: the measured norm above or below 1. The region the median
  // curve is in at the newest gap is drawn strong; λ₁γ, which only bounds the curve, is in the header.
  const explode = m.ratio > 1;
  const vanish = m.ratio < 1;
  const medianNow = m.logMedian[shown]!;
  const above = medianNow > 0;
  const below = medianNow < 0;
  const marks = clipMarks(m, shown, x);
  // Each label goes to the first of its places that the finished curves and marks leave free:
  // placed from the whole run, a label stays put while the curves are revealed.
  const crossed = [
    ...[...m.logNorms, m.logMedian, m.logBound].flatMap((row) => alongPolyline(Array.from(row, (v, d): Point => [x(d), ya(v)]), 4)),
    ...clipMarks(m, m.horizon, x).flatMap((mk): Point[] => {
      const y0 = mk.kind === 'over' ? top + 2 : bottom - 2 - MARK_SIZE;
      return [-1, 0, 1].flatMap((dx) => [0, 0.5, 1].map((dy): Point => [mk.x + (dx * MARK_SIZE) / 2, y0 + dy * MARK_SIZE]));
    }),
  ];
  /** A label's place: its region's outer corners first, then the corners beside the line at 1. */
  const regionLabel = (text: string, baselines: [outer: number, byOne: number], colour: string, strong: boolean) => {
    const width = richWidth(ctx, [text], FONT);
    const at = (x0: number, baseline: number): Box => ({ x: x0, y: baseline - FONT, width, height: FONT + 4 });
    const [outer, byOne] = baselines;
    const spot = leastCovered([at(left + 6, outer), at(right - 6 - width, outer), at(right - 6 - width, byOne), at(left + 6, byOne)], crossed);
    ctx.fillStyle = strong ? colour : PALETTE.muted;
    ctx.globalAlpha = strong ? 1 : 0.7;
    drawRich(ctx, spot.x, spot.y + FONT, [text], FONT);
    ctx.globalAlpha = 1;
  };
  regionLabel('norm > 1: grows with the gap', [top + FONT + 3, y1 - 6], PALETTE.vermillion, above);
  regionLabel('norm < 1: shrinks with the gap', [bottom - 6, y1 + FONT + 4], PALETTE.blue, below);

  // Curves, cut at the frame.
  ctx.save();
  ctx.beginPath();
  ctx.rect(left, top, right - left, bottom - top);
  ctx.clip();
  const path = line<number>()
    .x((_, d) => x(d))
    .y((v) => ya(v))
    .context(ctx);
  ctx.strokeStyle = PALETTE.blue;
  ctx.globalAlpha = 0.35;
  ctx.lineWidth = 1;
  for (const row of m.logNorms) {
    ctx.beginPath();
    path(Array.from(row.subarray(0, shown + 1)));
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
  ctx.lineWidth = 2.6;
  ctx.beginPath();
  path(Array.from(m.logMedian.subarray(0, shown + 1)));
  ctx.stroke();
  // The bound goes on top: for a linear RNN with orthogonal W_rec it coincides with the median.
  ctx.strokeStyle = PALETTE.vermillion;
  ctx.lineWidth = 1.8;
  ctx.setLineDash([6, 4]);
  ctx.beginPath();
  path(Array.from(m.logBound));
  ctx.stroke();
  ctx.setLineDash([]);
  const headY = ya(m.logMedian[shown]!);
  if (shown < m.horizon) {
    ctx.fillStyle = PALETTE.blue;
    ctx.beginPath();
    ctx.arc(x(shown), headY, 3.5, 0, 2 * Math.PI);
    ctx.fill();
  }
  ctx.restore();

  ctx.textAlign = 'center';
  ctx.font = CANVAS_FONT(MARK_SIZE, 700);
  for (const mk of marks) {
    ctx.fillStyle = mk.colour;
    ctx.textBaseline = mk.kind === 'over' ? 'top' : 'bottom';
    ctx.fillText(mk.kind === 'over' ? '∞' : '→0', mk.x, mk.kind === 'over' ? top + 2 : bottom - 2);
  }

  // Header: the recurrence measured and λ₁γ; legend and the value at the newest gap.
  ctx.fillStyle = PALETTE.ink;
  drawRich(ctx, left, 15, ['a', { sub: 't' }, ' = W', { sub: 'rec' }, ' σ(a', { sub: 't−1' }, ') + W', { sub: 'in' }, ' x', { sub: 't' }, ' + b,  ', `${m.logNorms.length} inputs`], FONT);
  ctx.fillStyle = explode ? PALETTE.vermillion : vanish ? PALETTE.blue : PALETTE.ink;
  drawRich(ctx, right, 15, ['λ', { sub: '1' }, `γ = ${m.lambda1.toFixed(2)} × ${gammaText(m.gamma)} = ${m.ratio.toFixed(2)}`], FONT, 'right');

  let lx = left;
  const ly = 34;
  const legend = (draw: (x0: number) => void, parts: Part[]) => {
    draw(lx);
    ctx.fillStyle = PALETTE.ink;
    drawRich(ctx, lx + 20, ly + 4, parts, FONT);
    lx += 20 + richWidth(ctx, parts, FONT) + 10;
  };
  const sample = (colour: string, widthPx: number, dash: number[], alpha = 1) => (x0: number) => {
    ctx.strokeStyle = colour;
    ctx.lineWidth = widthPx;
    ctx.globalAlpha = alpha;
    ctx.setLineDash(dash);
    ctx.beginPath();
    ctx.moveTo(x0, ly);
    ctx.lineTo(x0 + 16, ly);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.globalAlpha = 1;
  };
  legend(sample(PALETTE.blue, 1, [], 0.5), ['each input']);
  legend(sample(PALETTE.blue, 2.6, []), ['median']);
  legend(sample(PALETTE.vermillion, 1.8, [5, 3]), ['bound (λ', { sub: '1' }, 'γ)', { sup: 't−k' }]);
  // The newest gap's median against its bound, on the axis-label row where a half-slide width still has room.
  ctx.fillStyle = PALETTE.ink;
  drawRich(ctx, 4, height - 4, [`t−k=${shown}: median ${formatLog(m.logMedian[shown]!)} ≤ bound ${formatLog(m.logBound[shown]!)}`], FONT, 'left', (px) => CANVAS_MONO(px));
}

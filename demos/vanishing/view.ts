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

/** Decades shown: 10^−16 … 10^16, wide enough for ~40 steps at λ₁γ = 0.4 and ~20 at λ₁γ = 5. */
export const LOG_MIN = -16;
export const LOG_MAX = 16;

/**
 * Slide px. remark lays a 16:9 slide out 1210 × 681 and scales it to the window, at 1280 × 720
 * by 720/681 ≈ 1.06: with sub/superscripts at no less than 13.5, nothing is below 14 px there.
 */
const FONT = 15;
const MIN_FONT = 13.5;
const small = (px: number) => Math.max(MIN_FONT, px * 0.8);
const MARGIN = { left: 60, right: 12, top: 46, bottom: 34 };

type Part = string | { sub: string } | { sup: string };

/** Text with sub/superscripts drawn as smaller runs (canvas has no markup; the fonts lack most Unicode subscripts). */
function richWidth(ctx: CanvasRenderingContext2D, parts: Part[], px: number, font = CANVAS_FONT): number {
  let w = 0;
  for (const p of parts) {
    ctx.font = typeof p === 'string' ? font(px) : font(small(px));
    w += ctx.measureText(typeof p === 'string' ? p : 'sub' in p ? p.sub : p.sup).width;
  }
  return w;
}

function drawRich(ctx: CanvasRenderingContext2D, x: number, y: number, parts: Part[], px: number, align: 'left' | 'right' = 'left', font = CANVAS_FONT): void {
  let cx = align === 'right' ? x - richWidth(ctx, parts, px, font) : x;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  for (const p of parts) {
    const text = typeof p === 'string' ? p : 'sub' in p ? p.sub : p.sup;
    const dy = typeof p === 'string' ? 0 : 'sub' in p ? px * 0.3 : -px * 0.4;
    ctx.font = typeof p === 'string' ? font(px) : font(small(px));
    ctx.fillText(text, cx, y + dy);
    cx += ctx.measureText(text).width;
  }
}

const SUPERSCRIPT: Record<string, string> = { '-': '⁻', '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };
const powerLabel = (e: number) => (e === 0 ? '1' : `10${[...String(e)].map((c) => SUPERSCRIPT[c] ?? c).join('')}`);

/** A log10 value as "3.2e−5", from the logarithm itself so values past float64 still print. */
export function formatLog(v: number): string {
  if (v === -Infinity) return '0';
  if (!Number.isFinite(v)) return '∞';
  let e = Math.floor(v);
  let mantissa = 10 ** (v - e);
  if (mantissa >= 9.95) {
    mantissa /= 10;
    e += 1;
  }
  return `${mantissa.toFixed(1)}e${e < 0 ? '−' : ''}${Math.abs(e)}`;
}

const gammaText = (g: number) => (g === 0.25 ? '¼' : String(g));

/** First revealed index whose value leaves the frame that way, or −1. */
function firstClip(clips: Clip[], kind: Clip, upTo: number): number {
  for (let d = 0; d <= upTo; d++) if (clips[d] === kind) return d;
  return -1;
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

  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);

  // Regimes: above 1 a product can grow, below 1 it shrinks.
  const y1 = y(1);
  ctx.fillStyle = 'rgba(213, 94, 0, 0.07)';
  ctx.fillRect(left, top, right - left, y1 - top);
  ctx.fillStyle = 'rgba(0, 114, 178, 0.07)';
  ctx.fillRect(left, y1, right - left, bottom - y1);

  // Grid and axes.
  ctx.lineWidth = 1;
  ctx.strokeStyle = PALETTE.grid;
  ctx.fillStyle = PALETTE.muted;
  ctx.font = CANVAS_FONT(FONT - 1.5);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (let e = LOG_MIN; e <= LOG_MAX; e += 4) {
    const yy = Math.round(y(10 ** e)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(left, yy);
    ctx.lineTo(right, yy);
    ctx.stroke();
    ctx.fillText(powerLabel(e), left - 5, yy);
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of x.ticks(Math.max(3, Math.floor((right - left) / 60)))) {
    const xx = Math.round(x(t)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(xx, bottom);
    ctx.lineTo(xx, bottom + 4);
    ctx.stroke();
    ctx.fillText(String(t), xx, bottom + 5);
  }
  ctx.strokeStyle = PALETTE.muted;
  ctx.beginPath();
  ctx.moveTo(left, Math.round(y1) + 0.5);
  ctx.lineTo(right, Math.round(y1) + 0.5);
  ctx.stroke();
  ctx.strokeRect(left + 0.5, top + 0.5, right - left - 1, bottom - top - 1);
  ctx.fillStyle = PALETTE.muted;
  drawRich(ctx, right, height - 4, ['gap t − k'], FONT, 'right');
  ctx.save();
  ctx.translate(12, (top + bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  const yLabel: Part[] = ['‖∂a', { sub: 't' }, '/∂a', { sub: 'k' }, '‖', { sub: '2' }, ' (log scale)'];
  drawRich(ctx, richWidth(ctx, yLabel, FONT) / 2, 0, yLabel, FONT, 'right');
  ctx.restore();

  // Region labels say what is shaded: the measured norm above or below 1. The region the median
  // curve is in at the newest gap is drawn strong; λ₁γ, which only bounds the curve, is in the header.
  const explode = m.ratio > 1;
  const vanish = m.ratio < 1;
  const medianNow = m.logMedian[shown]!;
  const above = medianNow > 0;
  const below = medianNow < 0;
  ctx.fillStyle = above ? PALETTE.vermillion : PALETTE.muted;
  ctx.globalAlpha = above ? 1 : 0.7;
  drawRich(ctx, left + 6, top + FONT + 3, ['norm > 1: grows with the gap'], FONT);
  ctx.fillStyle = below ? PALETTE.blue : PALETTE.muted;
  ctx.globalAlpha = below ? 1 : 0.7;
  drawRich(ctx, left + 6, bottom - 6, ['norm < 1: shrinks with the gap'], FONT);
  ctx.globalAlpha = 1;

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

  // Where the median or the bound leaves the frame: ∞ on top (overflow), →0 below.
  const medianClips = Array.from(m.logMedian, (v) => plotValue(v, LOG_MIN, LOG_MAX).clip);
  const boundClips = Array.from(m.logBound, (v) => plotValue(v, LOG_MIN, LOG_MAX).clip);
  ctx.textAlign = 'center';
  const marks: number[] = [];
  const mark = (d: number, kind: Clip, colour: string) => {
    if (d < 0) return;
    const xx = x(d);
    if (marks.some((m2) => Math.abs(m2 - xx) < 16)) return;
    marks.push(xx);
    ctx.fillStyle = colour;
    ctx.font = CANVAS_FONT(FONT + 3, 700);
    ctx.textBaseline = kind === 'over' ? 'top' : 'bottom';
    ctx.fillText(kind === 'over' ? '∞' : '→0', xx, kind === 'over' ? top + 2 : bottom - 2);
  };
  mark(firstClip(medianClips, 'over', shown), 'over', PALETTE.blue);
  mark(firstClip(boundClips, 'over', m.horizon), 'over', PALETTE.vermillion);
  mark(firstClip(medianClips, 'under', shown), 'under', PALETTE.blue);
  mark(firstClip(boundClips, 'under', m.horizon), 'under', PALETTE.vermillion);

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

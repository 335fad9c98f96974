/**
 * Pieces of the log-scale gradient-norm plots (demos/vanishing, demos/gradient-highway):
 * text with sub/superscripts on a canvas, power-of-ten labels, a compact print of log10
 * values, the white frame with its decade grid and axis labels, and where curves leave it.
 */
import type { ScaleLinear, ScaleLogarithmic } from 'd3-scale';
import type { DemoCanvas } from './ui.ts';
import { CANVAS_FONT, PALETTE } from './ui.ts';
import type { Clip } from './log-scale.ts';

/**
 * Slide px. remark lays a 16:9 slide out 1210 × 681 and scales it to the window, at 1280 × 720
 * by 720/681 ≈ 1.06: with sub/superscripts at no less than 13.5, nothing is below 14 px there.
 */
export const FONT = 15;
const MIN_FONT = 13.5;
const small = (px: number) => Math.max(MIN_FONT, px * 0.8);

export type Part = string | { sub: string } | { sup: string };

/** Text with sub/superscripts drawn as smaller runs (canvas has no markup; the fonts lack most Unicode subscripts). */
export function richWidth(ctx: CanvasRenderingContext2D, parts: Part[], px: number, font = CANVAS_FONT): number {
  let w = 0;
  for (const p of parts) {
    ctx.font = typeof p === 'string' ? font(px) : font(small(px));
    w += ctx.measureText(typeof p === 'string' ? p : 'sub' in p ? p.sub : p.sup).width;
  }
  return w;
}

export function drawRich(ctx: CanvasRenderingContext2D, x: number, y: number, parts: Part[], px: number, align: 'left' | 'right' = 'left', font = CANVAS_FONT): void {
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
export const powerLabel = (e: number) => (e === 0 ? '1' : `10${[...String(e)].map((c) => SUPERSCRIPT[c] ?? c).join('')}`);

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


/** First revealed index whose value leaves the frame that way, or −1. */
export function firstClip(clips: Clip[], kind: Clip, upTo: number): number {
  for (let d = 0; d <= upTo; d++) if (clips[d] === kind) return d;
  return -1;
}

/** Clears the canvas to the plot's white. */
export function clearPlot(dc: DemoCanvas): void {
  dc.ctx.clearRect(0, 0, dc.width, dc.height);
  dc.ctx.fillStyle = '#ffffff';
  dc.ctx.fillRect(0, 0, dc.width, dc.height);
}

export interface PlotBox {
  left: number;
  right: number;
  top: number;
  bottom: number;
  width: number;
  height: number;
}

/** Decade grid labelled every `every` decades, x ticks, the line at 1, the frame and both axis labels. */
export function logAxes(
  ctx: CanvasRenderingContext2D,
  box: PlotBox,
  x: ScaleLinear<number, number>,
  y: ScaleLogarithmic<number, number>,
  opts: { logMin: number; logMax: number; every: number; xLabel: Part[]; yLabel: Part[] },
): void {
  const { left, right, top, bottom, height } = box;
  ctx.lineWidth = 1;
  ctx.strokeStyle = PALETTE.grid;
  ctx.fillStyle = PALETTE.muted;
  ctx.font = CANVAS_FONT(FONT - 1.5);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (let e = opts.logMin; e <= opts.logMax; e += opts.every) {
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
  const y1 = y(1);
  ctx.strokeStyle = PALETTE.muted;
  ctx.beginPath();
  ctx.moveTo(left, Math.round(y1) + 0.5);
  ctx.lineTo(right, Math.round(y1) + 0.5);
  ctx.stroke();
  ctx.strokeRect(left + 0.5, top + 0.5, right - left - 1, bottom - top - 1);
  ctx.fillStyle = PALETTE.muted;
  drawRich(ctx, right, height - 4, opts.xLabel, FONT, 'right');
  ctx.save();
  ctx.translate(12, (top + bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  drawRich(ctx, richWidth(ctx, opts.yLabel, FONT) / 2, 0, opts.yLabel, FONT, 'right');
  ctx.restore();
}

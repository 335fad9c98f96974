/**
 * Left panel: the loss surface as a heatmap of log10 L (viridis, with its colour bar) and
 * the two gradient-descent runs over it, solid (plain) and dashed (clipped) as in
 * Pascanu et al. (2013), Figure 6.
 */
import { scaleLinear } from 'd3-scale';
import type { ScaleLinear } from 'd3-scale';
import { interpolateViridis } from 'd3-scale-chromatic';
import { CANVAS_FONT, PALETTE } from '../../src/widgets/ui.ts';
import { clipSegment } from './geometry.ts';
import type { ClippedSegment } from './geometry.ts';
import type { Point, Run } from './model.ts';
import { LOG_LOSS_FLOOR, cliffAt } from './surface.ts';
import type { Surface } from './surface.ts';

/** Top of the colour scale: the plateau's loss, (0 − 0.7)² = 0.49. */
const LOG_LOSS_TOP = Math.log10(0.49);

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface RunStyle {
  color: string;
  dash: number[];
  /** Vertical offset of this run's labels, so that both runs' labels stay readable where they leave together. */
  labelDy: number;
}

export const PLAIN_STYLE: RunStyle = { color: PALETTE.vermillion, dash: [], labelDy: 8 };
export const CLIPPED_STYLE: RunStyle = { color: PALETTE.blue, dash: [6, 4], labelDy: 26 };

function parseColor(c: string): [number, number, number] {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(c);
  if (hex) return [parseInt(hex[1]!, 16), parseInt(hex[2]!, 16), parseInt(hex[3]!, 16)];
  const rgb = /rgb\((\d+),\s*(\d+),\s*(\d+)\)/.exec(c);
  if (rgb) return [Number(rgb[1]), Number(rgb[2]), Number(rgb[3])];
  return [0, 0, 0];
}

function logLossColor(v: number): number {
  return Math.max(0, Math.min(1, (v - LOG_LOSS_FLOOR) / (LOG_LOSS_TOP - LOG_LOSS_FLOOR)));
}

/** The heatmap at grid resolution; drawImage stretches it over the plot. Row 0 of the image is bMax. */
export function heatmapImage(s: Surface): HTMLCanvasElement {
  const lut = Array.from({ length: 256 }, (_, k) => parseColor(interpolateViridis(k / 255)));
  const img = document.createElement('canvas');
  img.width = s.nw;
  img.height = s.nb;
  const ctx = img.getContext('2d');
  if (!ctx) return img;
  const data = ctx.createImageData(s.nw, s.nb);
  for (let i = 0; i < s.nb; i++) {
    const row = s.nb - 1 - i;
    for (let j = 0; j < s.nw; j++) {
      const [r, g, b] = lut[Math.round(logLossColor(s.logLoss[i * s.nw + j]!) * 255)]!;
      const o = (row * s.nw + j) * 4;
      data.data[o] = r;
      data.data[o + 1] = g;
      data.data[o + 2] = b;
      data.data[o + 3] = 255;
    }
  }
  ctx.putImageData(data, 0, 0);
  return img;
}

export interface SurfaceScales {
  x: ScaleLinear<number, number>;
  y: ScaleLinear<number, number>;
}

export function surfaceScales(s: Surface, plot: Rect): SurfaceScales {
  return {
    x: scaleLinear().domain([s.window.wMin, s.window.wMax]).range([plot.x, plot.x + plot.width]),
    y: scaleLinear().domain([s.window.bMin, s.window.bMax]).range([plot.y + plot.height, plot.y]),
  };
}

/** Heatmap, axes, colour bar and the cliff label: everything that does not change with the state. */
export function drawSurfaceBackground(ctx: CanvasRenderingContext2D, s: Surface, image: HTMLCanvasElement, plot: Rect): void {
  const { x, y } = surfaceScales(s, plot);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(image, plot.x, plot.y, plot.width, plot.height);
  ctx.strokeStyle = PALETTE.muted;
  ctx.lineWidth = 1;
  ctx.strokeRect(plot.x, plot.y, plot.width, plot.height);

  ctx.fillStyle = PALETTE.ink;
  ctx.font = CANVAS_FONT(13.5);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of x.ticks(6)) {
    ctx.fillRect(x(t) - 0.5, plot.y + plot.height, 1, 4);
    ctx.fillText(x.tickFormat(6)(t), x(t), plot.y + plot.height + 5);
  }
  ctx.font = CANVAS_FONT(13.5, 700);
  ctx.fillText('w', plot.x + plot.width / 2, plot.y + plot.height + 18);
  ctx.font = CANVAS_FONT(13.5);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const t of y.ticks(5)) {
    ctx.fillRect(plot.x - 4, y(t) - 0.5, 4, 1);
    ctx.fillText(y.tickFormat(5)(t), plot.x - 6, y(t));
  }
  ctx.font = CANVAS_FONT(13.5, 700);
  ctx.fillText('b', plot.x - 24, plot.y + plot.height / 2);

  // Label the cliff where it is a thin wall, away from the cusp where the runs go.
  const cw = s.window.wMin + 0.8 * (s.window.wMax - s.window.wMin);
  const cb = cliffAt(s, cw);
  ctx.font = CANVAS_FONT(13.5, 700);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  ctx.fillStyle = PALETTE.ink;
  ctx.fillText('cliff', x(cw) + 4, y(cb) + 3);

  drawColorBar(ctx, { x: plot.x + plot.width + 10, y: plot.y, width: 10, height: plot.height });
}

function drawColorBar(ctx: CanvasRenderingContext2D, bar: Rect): void {
  const scale = scaleLinear().domain([LOG_LOSS_FLOOR, LOG_LOSS_TOP]).range([bar.y + bar.height, bar.y]);
  const grad = ctx.createLinearGradient(0, bar.y + bar.height, 0, bar.y);
  for (let k = 0; k <= 10; k++) grad.addColorStop(k / 10, interpolateViridis(k / 10));
  ctx.fillStyle = grad;
  ctx.fillRect(bar.x, bar.y, bar.width, bar.height);
  ctx.strokeStyle = PALETTE.muted;
  ctx.strokeRect(bar.x, bar.y, bar.width, bar.height);
  ctx.fillStyle = PALETTE.ink;
  ctx.font = CANVAS_FONT(13.5);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  for (const t of [-6, -4, -2, 0]) {
    if (t > LOG_LOSS_TOP + 1e-9) continue;
    ctx.fillText(`1e${t}`, bar.x + bar.width + 3, scale(t));
  }
  ctx.fillText('0.49', bar.x + bar.width + 3, scale(LOG_LOSS_TOP) + 2);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.fillText('loss', bar.x + bar.width / 2 + 8, bar.y + bar.height + 5);
}

function pathWithHalo(ctx: CanvasRenderingContext2D, trace: () => void, style: RunStyle, width: number): void {
  ctx.lineJoin = 'round';
  ctx.lineCap = 'round';
  ctx.setLineDash(style.dash);
  ctx.strokeStyle = 'rgba(255,255,255,0.85)';
  ctx.lineWidth = width + 2.5;
  ctx.beginPath();
  trace();
  ctx.stroke();
  ctx.strokeStyle = style.color;
  ctx.lineWidth = width;
  ctx.beginPath();
  trace();
  ctx.stroke();
  ctx.setLineDash([]);
}

function arrowHead(ctx: CanvasRenderingContext2D, at: [number, number], angle: number, color: string): void {
  const size = 9;
  ctx.save();
  ctx.translate(at[0], at[1]);
  ctx.rotate(angle);
  ctx.beginPath();
  ctx.moveTo(0, 0);
  ctx.lineTo(-size, -size * 0.55);
  ctx.lineTo(-size, size * 0.55);
  ctx.closePath();
  ctx.fillStyle = color;
  ctx.strokeStyle = '#fff';
  ctx.lineWidth = 1.2;
  ctx.fill();
  ctx.stroke();
  ctx.restore();
}

export interface RunLabel {
  text: string;
  at: [number, number];
  color: string;
  dy: number;
}

/** Labels go on last, so no run's line crosses another run's label. */
export function drawLabels(ctx: CanvasRenderingContext2D, plot: Rect, labels: readonly RunLabel[]): void {
  for (const l of labels) label(ctx, l.text, l.at, plot, l.color, l.dy);
}

function label(ctx: CanvasRenderingContext2D, text: string, at: [number, number], plot: Rect, color: string, dy = 8): void {
  ctx.font = CANVAS_FONT(13.5, 700);
  const width = ctx.measureText(text).width + 6;
  const x = Math.max(plot.x + 2, Math.min(plot.x + plot.width - width - 2, at[0] - width / 2));
  const y = Math.max(plot.y + 2 + dy - 8, Math.min(plot.y + plot.height - 16 - (26 - dy), at[1] + dy));
  ctx.fillStyle = 'rgba(255,255,255,0.88)';
  ctx.fillRect(x, y, width, 15);
  ctx.fillStyle = color;
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  ctx.fillText(text, x + 3, y + 8);
}

/**
 * One run up to iterate `upto`: the visible part of its path, a dot per iterate and an
 * arrow where it leaves the window. Returns its labels ("left the window", "diverged").
 */
export function drawRun(ctx: CanvasRenderingContext2D, s: Surface, plot: Rect, run: Run, upto: number, style: RunStyle): RunLabel[] {
  const labels: RunLabel[] = [];
  const { x, y } = surfaceScales(s, plot);
  // A fractional `upto` is a tween: the head travels along the segment to the next iterate.
  const whole = Math.floor(upto);
  const pts = run.iterates.slice(0, whole + 1);
  const next = run.iterates[whole + 1];
  const tail = pts[pts.length - 1];
  if (upto > whole && next && tail) pts.push({ ...next, w: tail.w + (next.w - tail.w) * (upto - whole), b: tail.b + (next.b - tail.b) * (upto - whole) });
  const segments: ClippedSegment[] = [];
  for (let i = 0; i + 1 < pts.length; i++) {
    const seg = clipSegment(pts[i]!, pts[i + 1]!, s.window);
    if (seg) segments.push(seg);
  }
  pathWithHalo(
    ctx,
    () => {
      for (const seg of segments) {
        ctx.moveTo(x(seg.from.w), y(seg.from.b));
        ctx.lineTo(x(seg.to.w), y(seg.to.b));
      }
    },
    style,
    2,
  );
  ctx.fillStyle = style.color;
  for (const p of pts) {
    if (p.w < s.window.wMin || p.w > s.window.wMax || p.b < s.window.bMin || p.b > s.window.bMax) continue;
    ctx.beginPath();
    ctx.arc(x(p.w), y(p.b), 1.4, 0, 2 * Math.PI);
    ctx.fill();
  }
  const exit = segments.find((seg) => seg.exits);
  if (exit) {
    const ex = x(exit.to.w);
    const ey = y(exit.to.b);
    arrowHead(ctx, [ex, ey], Math.atan2(ey - y(exit.from.b), ex - x(exit.from.w)), style.color);
    labels.push({ text: 'left the window', at: [ex, ey], color: style.color, dy: style.labelDy });
  }
  const head = pts[pts.length - 1];
  if (head && !exit) {
    ctx.beginPath();
    ctx.arc(x(head.w), y(head.b), 4, 0, 2 * Math.PI);
    ctx.fillStyle = style.color;
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 1.5;
    ctx.fill();
    ctx.stroke();
  }
  if (run.divergedAt !== null && upto >= run.divergedAt && head) {
    const at: [number, number] = [x(Math.max(s.window.wMin, Math.min(s.window.wMax, head.w))), y(Math.max(s.window.bMin, Math.min(s.window.bMax, head.b)))];
    labels.push({ text: 'diverged', at, color: style.color, dy: style.labelDy });
  }
  return labels;
}

export function drawStart(ctx: CanvasRenderingContext2D, s: Surface, plot: Rect, p: Point): void {
  const { x, y } = surfaceScales(s, plot);
  ctx.beginPath();
  ctx.arc(x(p.w), y(p.b), 5.5, 0, 2 * Math.PI);
  ctx.fillStyle = '#fff';
  ctx.strokeStyle = PALETTE.ink;
  ctx.lineWidth = 2;
  ctx.fill();
  ctx.stroke();
}

/** The keyboard cursor: a crosshair with its coordinates, so the audience sees where Enter will start. */
export function drawCursor(ctx: CanvasRenderingContext2D, s: Surface, plot: Rect, p: Point): void {
  const { x, y } = surfaceScales(s, plot);
  const cx = x(p.w);
  const cy = y(p.b);
  for (const [color, width] of [['#fff', 4], [PALETTE.ink, 1.5]] as const) {
    ctx.strokeStyle = color;
    ctx.lineWidth = width;
    ctx.beginPath();
    ctx.moveTo(cx - 10, cy);
    ctx.lineTo(cx - 3, cy);
    ctx.moveTo(cx + 3, cy);
    ctx.lineTo(cx + 10, cy);
    ctx.moveTo(cx, cy - 10);
    ctx.lineTo(cx, cy - 3);
    ctx.moveTo(cx, cy + 3);
    ctx.lineTo(cx, cy + 10);
    ctx.stroke();
  }
  label(ctx, `w ${p.w.toFixed(2)}, b ${p.b.toFixed(2)}`, [cx, cy + 4], plot, PALETTE.ink);
}

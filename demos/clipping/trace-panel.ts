/**
 * Right panel: ‖∇L‖ per step on a log axis for both runs, the threshold as a horizontal
 * line and a dot wherever the clipped run rescaled its gradient. The axes cover the whole
 * run from the start, so they stay still while the runs are animated.
 */
import { scaleLinear, scaleLog } from 'd3-scale';
import { line } from 'd3-shape';
import { CANVAS_FONT, PALETTE } from '../../src/widgets/ui.ts';
import type { Iterate, Run } from './model.ts';
import type { Rect, RunStyle } from './surface-panel.ts';
import { CLIPPED_STYLE, PLAIN_STYLE } from './surface-panel.ts';

const NORM_MIN = 1e-12;
const NORM_MAX = 1e12;

export interface TraceScene {
  plain: Run;
  clipped: Run;
  upto: number;
  steps: number;
  threshold: number;
}

function normDomain(scene: TraceScene): [number, number] {
  let lo = scene.threshold;
  let hi = scene.threshold;
  for (const run of [scene.plain, scene.clipped]) {
    for (const it of run.iterates) {
      if (it.gradNorm > 0) lo = Math.min(lo, it.gradNorm);
      hi = Math.max(hi, it.gradNorm);
    }
  }
  // A quarter decade of headroom keeps the threshold's label off the frame.
  lo = Math.max(NORM_MIN, 10 ** Math.floor(Math.log10(lo) - 0.25));
  hi = Math.min(NORM_MAX, 10 ** Math.ceil(Math.log10(hi) + 0.25));
  return hi > lo ? [lo, hi] : [lo, lo * 10];
}

/** Powers of ten only, at most five of them: the range can span twenty decades. */
function decadeTicks(domain: [number, number]): number[] {
  const a = Math.round(Math.log10(domain[0]));
  const b = Math.round(Math.log10(domain[1]));
  const every = Math.max(1, Math.ceil((b - a) / 4));
  const ticks: number[] = [];
  for (let e = a; e <= b; e += every) ticks.push(e);
  return ticks;
}

/** Where one run stands after `upto` steps, in words: its loss, or where it left the window or diverged. */
export function status(run: Run, upto: number): string {
  if (run.divergedAt !== null && upto >= run.divergedAt) return `diverged at step ${run.divergedAt} (∞)`;
  const it = run.iterates[Math.min(upto, run.iterates.length - 1)];
  if (!it) return '';
  const loss = `loss ${it.loss.toExponential(1)}`;
  if (run.leftAt !== null && upto >= run.leftAt) return `left the window at step ${run.leftAt}, ${loss}`;
  return loss;
}

export function runStatus(scene: TraceScene): { plain: string; clipped: string } {
  const clips = scene.clipped.iterates.slice(0, scene.upto + 1).filter((it) => it.clipped).length;
  return {
    plain: status(scene.plain, scene.upto),
    clipped: `${status(scene.clipped, scene.upto)}, clipped ${clips}×`,
  };
}

function legendRow(ctx: CanvasRenderingContext2D, x: number, y: number, style: RunStyle, text: string): void {
  ctx.strokeStyle = style.color;
  ctx.lineWidth = 2;
  ctx.setLineDash(style.dash);
  ctx.beginPath();
  ctx.moveTo(x, y);
  ctx.lineTo(x + 22, y);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = PALETTE.ink;
  ctx.fillText(text, x + 28, y);
}

export function drawTrace(ctx: CanvasRenderingContext2D, panel: Rect, plot: Rect, scene: TraceScene): void {
  const x = scaleLinear().domain([0, scene.steps]).range([plot.x, plot.x + plot.width]);
  const domain = normDomain(scene);
  const y = scaleLog().domain(domain).range([plot.y + plot.height, plot.y]).clamp(true);

  const st = runStatus(scene);
  ctx.font = CANVAS_FONT(13.5);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  legendRow(ctx, panel.x + 4, panel.y + 7, PLAIN_STYLE, `plain GD: ${st.plain}`);
  legendRow(ctx, panel.x + 4, panel.y + 22, CLIPPED_STYLE, `clipped: ${st.clipped}`);

  ctx.strokeStyle = PALETTE.grid;
  ctx.lineWidth = 1;
  ctx.fillStyle = PALETTE.ink;
  ctx.font = CANVAS_FONT(13.5);
  ctx.textAlign = 'right';
  for (const e of decadeTicks(domain)) {
    const ty = y(10 ** e);
    ctx.beginPath();
    ctx.moveTo(plot.x, ty);
    ctx.lineTo(plot.x + plot.width, ty);
    ctx.stroke();
    ctx.fillText(`1e${e}`, plot.x - 4, ty);
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of x.ticks(5)) {
    ctx.fillRect(x(t) - 0.5, plot.y + plot.height, 1, 4);
    ctx.fillText(String(t), x(t), plot.y + plot.height + 5);
  }
  ctx.font = CANVAS_FONT(13.5);
  ctx.fillText(`step ${scene.upto} / ${scene.steps}`, plot.x + plot.width / 2, plot.y + plot.height + 18);
  ctx.save();
  ctx.translate(panel.x + 8, plot.y + plot.height / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText('‖∇L‖ (log)', 0, 0);
  ctx.restore();
  ctx.strokeStyle = PALETTE.muted;
  ctx.strokeRect(plot.x, plot.y, plot.width, plot.height);

  // The threshold under the curves: the dots on it are what the eye should find.
  const ty = y(scene.threshold);
  ctx.setLineDash([2, 3]);
  ctx.strokeStyle = PALETTE.ink;
  ctx.beginPath();
  ctx.moveTo(plot.x, ty);
  ctx.lineTo(plot.x + plot.width, ty);
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.font = CANVAS_FONT(13.5);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'bottom';
  ctx.fillText(`threshold ${scene.threshold}`, plot.x + plot.width - 3, ty - 1);

  ctx.save();
  ctx.beginPath();
  ctx.rect(plot.x, plot.y - 1, plot.width, plot.height + 2);
  ctx.clip();
  const path = line<[number, Iterate]>()
    .x(([i]) => x(i))
    .y(([, it]) => y(Math.max(NORM_MIN, it.gradNorm)))
    .context(ctx);
  for (const [run, style] of [[scene.plain, PLAIN_STYLE], [scene.clipped, CLIPPED_STYLE]] as const) {
    const shown = run.iterates.slice(0, scene.upto + 1).map((it, i): [number, Iterate] => [i, it]);
    ctx.strokeStyle = style.color;
    ctx.lineWidth = 2;
    ctx.setLineDash(style.dash);
    ctx.beginPath();
    path(shown);
    ctx.stroke();
    ctx.setLineDash([]);
  }
  // Smaller dots when nearly every step is clipped: a row of large ones would hide the curve.
  const events = scene.clipped.iterates.slice(0, scene.upto + 1).filter((it) => it.clipped).length;
  const radius = events > 30 ? 2 : 3.5;
  for (const [i, it] of scene.clipped.iterates.entries()) {
    if (i > scene.upto || !it.clipped) continue;
    ctx.beginPath();
    ctx.arc(x(i), y(it.gradNorm), radius, 0, 2 * Math.PI);
    ctx.fillStyle = CLIPPED_STYLE.color;
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 1.2;
    ctx.fill();
    ctx.stroke();
  }
  ctx.restore();

  for (const [run, style] of [[scene.plain, PLAIN_STYLE], [scene.clipped, CLIPPED_STYLE]] as const) {
    const div = run.divergedAt;
    if (div === null || scene.upto < div) continue;
    ctx.fillStyle = style.color;
    ctx.font = CANVAS_FONT(13.5, 700);
    ctx.textAlign = 'center';
    ctx.textBaseline = 'top';
    ctx.fillText('∞', x(div), plot.y + 2);
  }
}

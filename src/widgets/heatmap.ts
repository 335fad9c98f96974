/**
 * Hidden states over time as a heatmap: one row per unit, one column per step, on the
 * PuOr diverging map (orange −1, white 0, purple +1), which reads with the common
 * colour-vision deficiencies. Shared by the demos that show states per step.
 */
import { interpolatePuOr } from 'd3-scale-chromatic';
import { CANVAS_FONT, PALETTE } from './ui.ts';

/** The colour of a value in [−1, 1] (clamped; NaN is drawn grey). */
export function stateColor(v: number): string {
  if (!Number.isFinite(v)) return '#9a9a9a';
  return interpolatePuOr((1 - Math.max(-1, Math.min(1, v))) / 2);
}

/**
 * Draws values[t][unit] as units down, steps across, in the box at (x, y) of `cell` px per
 * step and `rowHeight` px per unit, with a thin frame.
 */
export function drawStateHeatmap(ctx: CanvasRenderingContext2D, values: readonly (readonly number[])[], x: number, y: number, cell: number, rowHeight: number): void {
  const units = values[0]?.length ?? 0;
  values.forEach((column, t) => {
    for (let u = 0; u < units; u++) {
      ctx.fillStyle = stateColor(column[u] ?? Number.NaN);
      ctx.fillRect(x + t * cell, y + u * rowHeight, cell, rowHeight);
    }
  });
  ctx.strokeStyle = PALETTE.muted;
  ctx.lineWidth = 1;
  ctx.strokeRect(x + 0.5, y + 0.5, values.length * cell - 1, units * rowHeight - 1);
}

/** A horizontal key of the map from −1 to +1 at (x, y), `width` px wide. */
export function drawStateKey(ctx: CanvasRenderingContext2D, x: number, y: number, width: number, label: string): void {
  const steps = 40;
  for (let i = 0; i < steps; i++) {
    ctx.fillStyle = stateColor(-1 + (2 * (i + 0.5)) / steps);
    ctx.fillRect(x + (i * width) / steps, y, width / steps + 0.5, 10);
  }
  ctx.font = CANVAS_FONT(14);
  ctx.fillStyle = PALETTE.ink;
  ctx.textBaseline = 'top';
  ctx.textAlign = 'left';
  ctx.fillText('−1', x, y + 13);
  ctx.textAlign = 'right';
  ctx.fillText('+1', x + width, y + 13);
  ctx.textAlign = 'center';
  ctx.fillText(label, x + width / 2, y + 13);
}

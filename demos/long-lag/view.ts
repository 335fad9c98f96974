/**
 * Draws the race: held-out accuracy of each model against training steps, chance as a
 * dashed line, each curve labelled at its end with the model's size. A pure function of
 * its inputs, so both windows draw the same pixels from the same state.
 */
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import type { DemoCanvas } from '../../src/widgets/ui.ts';
import { CANVAS_FONT, CANVAS_MONO, PALETTE } from '../../src/widgets/ui.ts';
import { CHANCE, EVAL_EVERY, RACE_CELLS, RACE_TASK, hiddenSize, modelSize, type RaceCell } from './race.ts';

export interface RacePicture {
  lag: number;
  /** Steps of one run: the x axis. */
  total: number;
  step: number;
  curves: Record<RaceCell, number[]>;
  training: boolean;
}

export const CELL_STYLE: Record<RaceCell, { name: string; colour: string; dash: number[] }> = {
  rnn: { name: 'RNN', colour: PALETTE.vermillion, dash: [7, 4] },
  lstm: { name: 'LSTM', colour: PALETTE.blue, dash: [] },
  gru: { name: 'GRU', colour: PALETTE.green, dash: [2, 3] },
};

const FONT = 15;
const MARGIN = { left: 54, right: 150, top: 52, bottom: 36 };

export function drawRace(dc: DemoCanvas, p: RacePicture): void {
  const { ctx, width, height } = dc;
  const left = MARGIN.left, right = width - MARGIN.right, top = MARGIN.top, bottom = height - MARGIN.bottom;
  const x = scaleLinear().domain([0, p.total]).range([left, right]);
  const y = scaleLinear().domain([0, 1]).range([bottom, top]);
  ctx.clearRect(0, 0, width, height);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);

  ctx.lineWidth = 1;
  ctx.strokeStyle = PALETTE.grid;
  ctx.fillStyle = PALETTE.muted;
  ctx.font = CANVAS_FONT(FONT - 1);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (const v of [0, 0.25, 0.5, 0.75, 1]) {
    const yy = Math.round(y(v)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(left, yy);
    ctx.lineTo(right, yy);
    ctx.stroke();
    ctx.fillText(`${Math.round(v * 100)} %`, left - 5, yy);
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (const t of x.ticks(6)) {
    const xx = Math.round(x(t)) + 0.5;
    ctx.beginPath();
    ctx.moveTo(xx, bottom);
    ctx.lineTo(xx, bottom + 4);
    ctx.stroke();
    ctx.fillText(String(t), xx, bottom + 5);
  }
  ctx.strokeStyle = PALETTE.muted;
  ctx.strokeRect(left + 0.5, top + 0.5, right - left - 1, bottom - top - 1);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'alphabetic';
  ctx.fillText('training steps', right, height - 4);
  ctx.save();
  ctx.translate(14, (top + bottom) / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textAlign = 'center';
  ctx.fillText('held-out accuracy', 0, 0);
  ctx.restore();

  // Chance: guessing one of the symbols.
  ctx.strokeStyle = PALETTE.muted;
  ctx.setLineDash([3, 4]);
  ctx.lineWidth = 1.5;
  ctx.beginPath();
  ctx.moveTo(left, y(CHANCE));
  ctx.lineTo(right, y(CHANCE));
  ctx.stroke();
  ctx.setLineDash([]);
  ctx.fillStyle = PALETTE.muted;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'top';
  ctx.fillText(`chance ${Math.round(CHANCE * 100)} %`, right - 6, y(CHANCE) + 4);

  const path = line<number>()
    .x((_, i) => x(i * EVAL_EVERY))
    .y((v) => y(v))
    .context(ctx);
  const labels: { cell: RaceCell; y: number }[] = [];
  for (const cell of RACE_CELLS) {
    const c = p.curves[cell];
    if (c.length === 0) continue;
    const style = CELL_STYLE[cell];
    ctx.strokeStyle = style.colour;
    ctx.lineWidth = 2.6;
    ctx.setLineDash(style.dash);
    ctx.beginPath();
    path(c);
    ctx.stroke();
    ctx.setLineDash([]);
    labels.push({ cell, y: y(c[c.length - 1]!) });
  }
  // End labels, pushed apart so that curves ending together stay readable.
  labels.sort((a, b) => a.y - b.y);
  for (let i = 1; i < labels.length; i++) labels[i]!.y = Math.max(labels[i]!.y, labels[i - 1]!.y + 34);
  for (const l of labels) {
    const c = p.curves[l.cell];
    const style = CELL_STYLE[l.cell];
    ctx.fillStyle = style.colour;
    ctx.font = CANVAS_FONT(FONT, 700);
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.fillText(`${style.name} ${Math.round(c[c.length - 1]! * 100)} %`, right + 8, Math.min(bottom, l.y));
    ctx.font = CANVAS_FONT(FONT - 1.5);
    ctx.fillStyle = PALETTE.ink;
    ctx.fillText(`h=${hiddenSize(l.cell)}, ${modelSize(l.cell).toLocaleString('en')} par.`, right + 8, Math.min(bottom, l.y) + 16);
  }

  ctx.fillStyle = PALETTE.ink;
  ctx.font = CANVAS_FONT(FONT);
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
  ctx.fillText(`Recall the first of ${RACE_TASK.symbols} symbols after ${p.lag} noise tokens; ≤ ${RACE_TASK.budget.toLocaleString('en')} parameters each`, left, 18);
  ctx.font = CANVAS_MONO(FONT);
  ctx.fillStyle = PALETTE.muted;
  ctx.fillText(`step ${p.step} / ${p.total}${p.training ? ' · training' : ''}`, left, 38);
  // Legend of the line styles, for print and for colour-blind eyes.
  let lx = left + 250;
  for (const cell of RACE_CELLS) {
    const style = CELL_STYLE[cell];
    ctx.strokeStyle = style.colour;
    ctx.lineWidth = 2.6;
    ctx.setLineDash(style.dash);
    ctx.beginPath();
    ctx.moveTo(lx, 33);
    ctx.lineTo(lx + 22, 33);
    ctx.stroke();
    ctx.setLineDash([]);
    ctx.fillStyle = PALETTE.ink;
    ctx.font = CANVAS_FONT(FONT);
    ctx.fillText(style.name, lx + 27, 38);
    lx += 27 + ctx.measureText(style.name).width + 18;
  }
}

/**
 * The gate-view module: per step and unit, every quantity of the cell as a coloured cell on
 * one diverging scale (PuOr: orange positive, purple negative; readable with the common colour-vision deficiencies), the input
 * above, the true and the predicted depth below, the focused step framed, and the marks of
 * the moments that matter (× forget, + write, = keep).
 */
import { interpolatePuOr } from 'd3-scale-chromatic';
import { CANVAS_FONT, CANVAS_MONO, PALETTE, clearCanvas, type DemoCanvas } from '../../src/widgets/ui.ts';
import type { GateCell, MomentKind } from './cell.ts';
import type { GateTrace } from './model.ts';

/** A cell of the grid, for the hover readout. */
export interface CellBox {
  x: number;
  y: number;
  w: number;
  h: number;
  q: number;
  t: number;
  unit: number;
  text: string;
}

export interface GateLayout {
  /** Left edge of the grid's labels (the equations sit to its left). */
  left: number;
}

const WRONG = '#B34700';
const MARK: Record<MomentKind, string> = { forget: '×', write: '+', keep: '=' };
const HEADER = 26;
const FOOTER = 62;
const BLOCK_GAP = 5;
const LABEL_W = 34;

/** Steps of the colour table: finer than the eye tells apart; a frame draws hundreds of cells. */
const SHADES = 256;
// d3's PuOr runs from dark purple (0) through near-white (0.5) to dark orange (1).
const TABLE = Array.from({ length: SHADES + 1 }, (_, i) => interpolatePuOr(i / SHADES));

/** Colour of a value on the scale [−range, range]: orange positive, purple negative, near-white zero. */
export function valueColour(v: number, range: number): string {
  const u = Math.max(-1, Math.min(1, v / range));
  return TABLE[Math.round((0.5 + 0.5 * u) * SHADES)]!;
}

export function drawGates(c: DemoCanvas, layout: GateLayout, cell: GateCell, trace: GateTrace, focus: { t: number; q: number }): CellBox[] {
  const { ctx } = c;
  clearCanvas(c);
  const T = trace.chars.length;
  const Q = cell.quantities.length;
  const H = trace.values[0]![0]!.length;
  const gridX = layout.left + LABEL_W;
  const colW = Math.min(56, (c.width - gridX - 6) / T);
  const rowH = Math.min(18, (c.height - HEADER - FOOTER - BLOCK_GAP * (Q - 1)) / (Q * H));
  const blockH = rowH * H;
  const blockY = (q: number) => HEADER + q * (blockH + BLOCK_GAP);
  const colX = (t: number) => gridX + t * colW;
  const boxes: CellBox[] = [];
  const moments = cell.moments(trace);

  ctx.textBaseline = 'middle';
  ctx.textAlign = 'center';
  ctx.font = CANVAS_MONO(18);
  trace.chars.forEach((ch, t) => {
    ctx.fillStyle = t === focus.t ? PALETTE.ink : PALETTE.muted;
    ctx.fillText(ch, colX(t) + colW / 2, HEADER / 2);
  });

  cell.quantities.forEach((quantity, q) => {
    const y0 = blockY(q);
    ctx.textAlign = 'right';
    ctx.font = CANVAS_FONT(15, q === focus.q ? 700 : 400);
    ctx.fillStyle = PALETTE.ink;
    ctx.fillText(quantity.label, gridX - 6, y0 + blockH / 2);
    for (let t = 0; t < T; t++) {
      for (let j = 0; j < H; j++) {
        const v = trace.values[q]![t]![j]!;
        const x = colX(t);
        const y = y0 + j * rowH;
        // One scale for every quantity, so colours compare across rows; an unbounded c saturates at ±1.
        ctx.fillStyle = valueColour(v, 1);
        ctx.fillRect(x + 0.5, y + 0.5, colW - 1, rowH - 1);
        boxes.push({ x, y, w: colW, h: rowH, q, t, unit: j, text: `${quantity.label}[${j + 1}] at t=${t + 1} ("${trace.chars[t]}"): ${v.toFixed(3)}` });
      }
    }
    // The cells' frame on the white slide: light cells keep a visible edge.
    ctx.strokeStyle = PALETTE.grid;
    ctx.lineWidth = 1;
    ctx.strokeRect(gridX, y0, colW * T, blockH);
  });

  ctx.font = CANVAS_FONT(Math.max(14, Math.min(17, rowH + 2)), 700);
  ctx.textAlign = 'center';
  ctx.lineWidth = 3;
  ctx.strokeStyle = '#ffffff';
  for (const m of moments) {
    const x = colX(m.t) + colW / 2;
    const y = blockY(m.q) + (m.unit + 0.5) * rowH;
    ctx.strokeText(MARK[m.kind], x, y);
    ctx.fillStyle = PALETTE.ink;
    ctx.fillText(MARK[m.kind], x, y);
  }

  // The step in focus: its column, and inside it the quantity being computed.
  ctx.strokeStyle = PALETTE.ink;
  ctx.lineWidth = 1.5;
  ctx.strokeRect(colX(focus.t), 2, colW, blockY(Q - 1) + blockH - 2);
  ctx.strokeStyle = PALETTE.blue;
  ctx.lineWidth = 3;
  ctx.strokeRect(colX(focus.t) - 1, blockY(focus.q) - 1, colW + 2, blockH + 2);

  drawFooter(c, cell, trace, { gridX, colW, y: blockY(Q - 1) + blockH + 6, left: layout.left });
  return boxes;
}

function drawFooter(c: DemoCanvas, cell: GateCell, trace: GateTrace, at: { gridX: number; colW: number; y: number; left: number }): void {
  const { ctx } = c;
  const rows: [string, number[]][] = [
    ['depth', trace.depth],
    ['net', trace.predicted],
  ];
  rows.forEach(([label, values], r) => {
    const y = at.y + 8 + r * 17;
    ctx.textAlign = 'right';
    ctx.font = CANVAS_FONT(14);
    ctx.fillStyle = PALETTE.muted;
    ctx.fillText(label, at.gridX - 6, y);
    ctx.textAlign = 'center';
    values.forEach((v, t) => {
      const wrong = r === 1 && v !== trace.depth[t];
      ctx.font = wrong ? CANVAS_MONO(16, 700) : CANVAS_MONO(15);
      // A darker vermillion than the palette's: digits are text and need 4.5:1 on the slide.
      ctx.fillStyle = wrong ? WRONG : PALETTE.ink;
      ctx.fillText(String(v), at.gridX + (t + 0.5) * at.colW, y);
    });
  });
  // Under the equations' column too: at 4:3 the grid's width alone is too narrow for it.
  drawLegend(c, cell, 24, at.y + 42);
}

/** The colour scale and the marks, in one line under the grid. */
function drawLegend(c: DemoCanvas, cell: GateCell, x: number, y: number): void {
  const { ctx } = c;
  const w = 120;
  for (let i = 0; i < w; i++) {
    ctx.fillStyle = valueColour((i / (w - 1)) * 2 - 1, 1);
    ctx.fillRect(x + i, y - 5, 1, 10);
  }
  ctx.strokeStyle = PALETTE.grid;
  ctx.lineWidth = 1;
  ctx.strokeRect(x, y - 5, w, 10);
  ctx.font = CANVAS_FONT(14);
  ctx.fillStyle = PALETTE.ink;
  ctx.textAlign = 'right';
  ctx.fillText('−1', x - 4, y);
  ctx.textAlign = 'left';
  ctx.fillText('+1', x + w + 4, y);
  const marks = cell.marks.map((k) => `${MARK[k]} ${k}`).join('   ');
  const clipped = (cell.unbounded ?? []).map((key) => cell.quantities.find((q) => q.key === key)?.label ?? key);
  const note = clipped.length > 0 ? ` (${clipped.join(', ')} beyond ±1 at full colour)` : '';
  ctx.fillText(`hover a cell for its value${note}   ${marks}`, x + w + 28, y);
}

/** A tooltip over the stage naming the value under the pointer. */
export function hoverTip(c: DemoCanvas, stage: HTMLElement, boxes: () => readonly CellBox[]) {
  const tip = document.createElement('div');
  tip.className = 'demo-tooltip';
  tip.hidden = true;
  stage.append(tip);
  return {
    move(e: PointerEvent): void {
      const r = c.canvas.getBoundingClientRect();
      const s = c.width / r.width;
      const x = (e.clientX - r.left) * s;
      const y = (e.clientY - r.top) * s;
      const hit = boxes().find((b) => x >= b.x && x < b.x + b.w && y >= b.y && y < b.y + b.h);
      tip.hidden = !hit;
      if (!hit) return;
      tip.textContent = hit.text;
      tip.style.left = `${Math.min(hit.x + hit.w + 6, c.width - 260)}px`;
      tip.style.top = `${hit.y}px`;
    },
    leave(): void {
      tip.hidden = true;
    },
  };
}

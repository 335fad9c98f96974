/**
 * The language model's picture: the loss curve in nats per character against characters
 * trained, with chance (ln V) as a dashed line, beside where training stands and the
 * latest sample. The text box sits under the curve (a DOM textarea, see text-editor.ts).
 */
import { CANVAS_FONT, CANVAS_MONO, PALETTE, type DemoCanvas } from '../../src/widgets/ui.ts';

export interface LmPicture {
  curve: readonly number[];
  /** ln V: the loss of a uniform guess over the vocabulary. */
  chance: number;
  vocab: number;
  loss: number | null;
  step: number;
  charsPerSec: number;
  seconds: number;
  cell: string;
  sample: string;
  temperature: number;
  training: boolean;
}

const BACKGROUND = '#fdfcf8';
/** The chart's box in canvas pixels; the text editor goes under it. */
export const CHART = { x: 52, y: 14, width: 370, height: 170 } as const;
export const EDITOR_TOP = CHART.y + CHART.height + 30;

/** A drawing function for one canvas; it keeps the sample's line breaks (redrawn every frame while training, the sample changes once a second). */
export function lmView(c: DemoCanvas): (pic: LmPicture) => void {
  let lastWrap: { text: string; width: number; rows: string[] } | null = null;
  const wrapped = (text: string, width: number): string[] => {
    if (lastWrap?.text !== text || lastWrap.width !== width) lastWrap = { text, width, rows: wrap(c.ctx, text, width) };
    return lastWrap.rows;
  };
  let drawn: LmPicture | null = null;
  return (pic) => {
    // The runtime calls draw every frame while training; the picture changes only with a report.
    if (pic === drawn) return;
    drawn = pic;
    const { ctx, width, height } = c;
    ctx.clearRect(0, 0, width, height);
    ctx.fillStyle = BACKGROUND;
    ctx.fillRect(0, 0, width, height);
    drawChart(ctx, pic);
    drawPanel(ctx, pic, CHART.x + CHART.width + 40, width - 10, height, wrapped);
  };
}

function drawChart(ctx: CanvasRenderingContext2D, pic: LmPicture): void {
  const { x, y, width: w, height: h } = CHART;
  const points: [number, number][] = [];
  for (let i = 0; i + 1 < pic.curve.length; i += 2) if (Number.isFinite(pic.curve[i + 1])) points.push([pic.curve[i]!, pic.curve[i + 1]!]);
  const top = Math.max(pic.chance * 1.15, ...points.map((p) => p[1]));
  const right = Math.max(1000, points[points.length - 1]?.[0] ?? 0);
  const sx = (v: number) => x + (v / right) * w;
  const sy = (v: number) => y + h - (Math.min(v, top) / top) * h;

  ctx.strokeStyle = PALETTE.grid;
  ctx.lineWidth = 1;
  ctx.font = CANVAS_MONO(12);
  ctx.fillStyle = PALETTE.muted;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (let v = 0; v <= top; v += top > 4 ? 1 : 0.5) {
    ctx.beginPath();
    ctx.moveTo(x, sy(v));
    ctx.lineTo(x + w, sy(v));
    ctx.stroke();
    ctx.fillText(v.toFixed(1), x - 6, sy(v));
  }
  ctx.strokeStyle = PALETTE.muted;
  ctx.strokeRect(x, y, w, h);
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  ctx.fillText(`characters trained (0 – ${formatCount(right)})`, x + w / 2, y + h + 4);
  ctx.save();
  ctx.translate(x - 38, y + h / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.textBaseline = 'middle';
  ctx.fillText('nats / char', 0, 0);
  ctx.restore();

  // Chance: a uniform guess over the V characters.
  ctx.save();
  ctx.setLineDash([6, 4]);
  ctx.strokeStyle = PALETTE.vermillion;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(x, sy(pic.chance));
  ctx.lineTo(x + w, sy(pic.chance));
  ctx.stroke();
  ctx.restore();
  ctx.fillStyle = '#b34700';
  ctx.font = CANVAS_FONT(12);
  ctx.textAlign = 'right';
  ctx.textBaseline = 'bottom';
  ctx.fillText(`chance: ln ${pic.vocab} = ${pic.chance.toFixed(2)}`, x + w - 4, sy(pic.chance) - 2);

  if (points.length === 0) return;
  ctx.strokeStyle = PALETTE.blue;
  ctx.lineWidth = 2;
  ctx.beginPath();
  points.forEach(([cx, cy], i) => (i === 0 ? ctx.moveTo(sx(cx), sy(cy)) : ctx.lineTo(sx(cx), sy(cy))));
  ctx.stroke();
  const [lx, ly] = points[points.length - 1]!;
  ctx.fillStyle = PALETTE.blue;
  ctx.beginPath();
  ctx.arc(sx(lx), sy(ly), 3.5, 0, Math.PI * 2);
  ctx.fill();
}

function drawPanel(ctx: CanvasRenderingContext2D, pic: LmPicture, x: number, right: number, bottom: number, wrapped: (text: string, width: number) => string[]): void {
  ctx.textAlign = 'left';
  ctx.textBaseline = 'top';
  let y = CHART.y;
  const line = (text: string, font: string, colour: string = PALETTE.ink, gap = 21) => {
    ctx.font = font;
    ctx.fillStyle = colour;
    ctx.fillText(text, x, y);
    y += gap;
  };
  line(`${pic.cell.toUpperCase()} · ${pic.loss === null ? '–' : pic.loss.toFixed(3)} nats/char`, CANVAS_FONT(16, 700));
  line(`step ${pic.step} · ${pic.seconds.toFixed(1)} s trained · ${formatCount(pic.charsPerSec)} chars/s`, CANVAS_FONT(13), PALETTE.muted);
  line(`sample (temperature ${pic.temperature.toFixed(2)}):`, CANVAS_FONT(13), PALETTE.muted, 20);
  ctx.font = CANVAS_MONO(14);
  ctx.fillStyle = PALETTE.ink;
  const lineHeight = 17;
  for (const row of wrapped(pic.sample || (pic.training ? '…' : 'press "train" to start'), right - x)) {
    if (y + lineHeight > bottom - 4) break;
    ctx.fillText(row, x, y);
    y += lineHeight;
  }
}

/** Greedy line breaking by measured width; a word longer than the line is broken by characters. */
function wrap(ctx: CanvasRenderingContext2D, text: string, width: number): string[] {
  const rows: string[] = [];
  let row = '';
  for (const ch of Array.from(text.replace(/\n/g, ' ⏎ '))) {
    const next = row + ch;
    if (ctx.measureText(next).width <= width) {
      row = next;
      continue;
    }
    const cut = ch === ' ' ? -1 : row.lastIndexOf(' ');
    if (cut > 0 && row.length - cut < 16) {
      rows.push(row.slice(0, cut));
      row = row.slice(cut + 1) + ch;
    } else {
      rows.push(row);
      row = ch === ' ' ? '' : ch;
    }
  }
  if (row) rows.push(row);
  return rows;
}

function formatCount(n: number): string {
  return n >= 10_000 ? `${Math.round(n / 1000)}k` : String(Math.round(n));
}

/**
 * Draws the BPTT picture on one canvas: the unrolled chain with the sweep marker, the
 * ‖∂J_t/∂s_k‖ heatmap (log viridis, with its colour bar), the per-step shares of ∂J/∂W_rec
 * as a waterfall that adds up to the total, and the status and gradient-check lines.
 * Everything is a function of the scene; scales are rebuilt only when the model changes.
 */
import { scaleBand, scaleDiverging, scaleLinear, scaleLog, scaleSequentialLog } from 'd3-scale';
import type { ScaleBand, ScaleDiverging, ScaleSequential } from 'd3-scale';
import { interpolatePuOr, interpolateViridis } from 'd3-scale-chromatic';
import { line } from 'd3-shape';
import type { DemoCanvas } from '../../src/widgets/ui.ts';
import { CANVAS_FONT, CANVAS_MONO, CANVAS_SCALE, PALETTE } from '../../src/widgets/ui.ts';
import type { GradCheck } from './gradcheck.ts';
import { FD_EPSILON, GRADCHECK_TOLERANCE } from './gradcheck.ts';
import type { Layout, Rect } from './layout.ts';
import { computeLayout } from './layout.ts';
import type { BpttModel, TruncationResult } from './model.ts';
import type { SweepPosition } from './timeline.ts';

export type CheckView = { kind: 'done'; check: GradCheck } | { kind: 'pending' } | { kind: 'unavailable'; reason: string };

export interface Scene {
  model: BpttModel;
  trunc: TruncationResult;
  check: CheckView;
  pos: SweepPosition;
}

/**
 * Every canvas here is CPU-rasterised (willReadFrequently). On a software GL (headless
 * Chromium, SwiftShader) GPU rasterisation of this picture ran at ~10 fps and reading a
 * GPU canvas back as a pattern or image every frame was worse; on the CPU it runs at the
 * display rate, and on a real GPU the CPU path is just as fast for a picture this small.
 */
const SOFTWARE = true;
const BG = '#ffffff';
const EMPTY = '#f3f1ea';
const DROPPED = '#d9d6cc';
/**
 * Smallest canvas text, in slide px. remark lays a 16:9 slide out 1210 × 681 and scales it to
 * the window: at 1280 × 720 by 720/681 ≈ 1.06, so 13.5 slide px are 14.3 screen px.
 */
export const TEXT_PX = 13.5;
/** Cells this far below the largest value share the darkest colour (the legend's bottom). */
const LOG_RANGE = 1e-6;

interface Scales {
  model: BpttModel;
  color: ScaleSequential<string>;
  heatMin: number;
  cells: ScaleBand<number>;
  stateColor: ScaleDiverging<string>;
  chainX: ScaleBand<number>;
  /** Colours computed once per model: cells [T][T], states [T][H], the colour bar as an image. */
  heatColors: string[][];
  stateColors: string[][];
  legendImage: HTMLCanvasElement;
}

const fmt = (v: number, digits = 3) => (Number.isFinite(v) ? (Math.abs(v) >= 1e-3 && Math.abs(v) < 1e4 ? v.toPrecision(digits) : v.toExponential(1)) : v > 0 ? '∞' : v < 0 ? '−∞' : 'NaN');
const sub = (n: number) => String(n).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]!);

export class BpttView {
  readonly surface: DemoCanvas;
  private readonly layout: Layout;
  private scales: Scales | null = null;
  private readonly hatch: CanvasPattern | null;

  constructor(surface: DemoCanvas) {
    this.surface = surface;
    this.layout = computeLayout(surface.width, surface.height);
    this.hatch = makeHatch(this.surface.ctx);
  }

  draw(scene: Scene): void {
    const { ctx, width, height } = this.surface;
    const s = this.scalesFor(scene.model);
    ctx.save();
    ctx.fillStyle = BG;
    ctx.fillRect(0, 0, width, height);
    ctx.textBaseline = 'middle';
    this.drawChain(scene, s);
    this.drawHeat(scene, s);
    this.drawLegend(s);
    this.drawBars(scene);
    this.drawText(scene);
    ctx.restore();
  }

  private scalesFor(model: BpttModel): Scales {
    if (this.scales?.model === model) return this.scales;
    const T = model.steps;
    const finite = model.heat.flat().filter((v) => Number.isFinite(v) && v > 0);
    const hi = finite.length ? Math.max(...finite) : 1;
    const lo = Math.max(hi * LOG_RANGE, finite.length ? Math.min(...finite) : hi / 10);
    const heatMin = lo < hi ? lo : hi / 10;
    // Viridis reversed: small norms pale yellow, large dark purple, so what fades into the past
    // looks faded; the legend says which end is large.
    const color = scaleSequentialLog((t: number) => interpolateViridis(1 - t))
      .domain([heatMin, hi])
      .clamp(true);
    const steps = Array.from({ length: T }, (_, i) => i);
    const cells = scaleBand<number>().domain(steps).range([0, this.layout.heat.w]).paddingInner(0.06);
    const stateColor = scaleDiverging(interpolatePuOr).domain([-1, 0, 1]).clamp(true);
    const c = this.layout.chain;
    const chainX = scaleBand<number>().domain(steps).range([c.x, c.x + c.w]).paddingInner(0.55).paddingOuter(0.2);
    const heatColors = model.heat.map((row) => row.map((v) => (Number.isFinite(v) ? color(Math.max(v, heatMin)) : PALETTE.vermillion)));
    const stateColors = model.states.map((h) => h.map((v) => stateColor(v)));
    this.scales = { model, color, heatMin, cells, stateColor, chainX, heatColors, stateColors, legendImage: this.legendImage(color) };
    return this.scales;
  }

  /** The colour bar, bottom (lowest) to top, at device resolution. */
  private legendImage(color: ScaleSequential<string>): HTMLCanvasElement {
    const r = this.layout.legend;
    const img = document.createElement('canvas');
    img.width = Math.max(1, Math.round(r.w * CANVAS_SCALE));
    img.height = Math.max(1, Math.round(r.h * CANVAS_SCALE));
    const g = img.getContext('2d', { willReadFrequently: SOFTWARE });
    if (!g) return img;
    const [lo, hi] = color.domain() as [number, number];
    const y = scaleLinear().domain([0, img.height]).range([Math.log10(hi), Math.log10(lo)]);
    for (let py = 0; py < img.height; py++) {
      g.fillStyle = color(10 ** y(py + 0.5));
      g.fillRect(0, py, img.width, 1);
    }
    return img;
  }

  /** Unrolled chain: J_t dots, state strips coloured by h_t, input characters, sweep arrows and marker. */
  private drawChain(scene: Scene, s: Scales): void {
    const { ctx } = this.surface;
    const { model, pos } = scene;
    const c = this.layout.chain;
    const T = model.steps;
    const H = model.hidden;
    const bw = s.chainX.bandwidth();
    const stripTop = c.y + 18;
    const stripH = Math.min(36, H * 5);
    const cellH = stripH / H;
    const mid = stripTop + stripH / 2;
    const jY = c.y + 6;
    const xY = stripTop + stripH + 11;

    ctx.font = CANVAS_FONT(TEXT_PX);
    ctx.fillStyle = PALETTE.muted;
    ctx.textAlign = 'right';
    ctx.fillText('J', c.x - 8, jY);
    ctx.fillText('s', c.x - 8, mid);
    ctx.fillText('x', c.x - 8, xY);

    for (let t = 0; t < T; t++) {
      const x = s.chainX(t)!;
      const computed = t < pos.forwardDone;
      const gradKnown = t >= pos.backwardFrom;
      // Forward arrow s_{t−1} → s_t (W_rec), drawn once s_t exists.
      if (t > 0) {
        const x0 = s.chainX(t - 1)! + bw + 2;
        arrow(ctx, x0, mid - 4, x - 2, mid - 4, computed ? PALETTE.blue : PALETTE.grid, 1.4);
        if (gradKnown) arrow(ctx, x - 2, mid + 4, x0, mid + 4, PALETTE.vermillion, 1.4);
      }
      for (let i = 0; i < H; i++) {
        ctx.fillStyle = computed ? s.stateColors[t]![i]! : BG;
        ctx.fillRect(x, stripTop + i * cellH, bw, cellH);
      }
      ctx.lineWidth = gradKnown ? 2 : 1;
      ctx.strokeStyle = gradKnown ? PALETTE.vermillion : computed ? PALETTE.ink : PALETTE.grid;
      ctx.strokeRect(x, stripTop, bw, stripH);
      // J_t exists once s_t does.
      ctx.beginPath();
      ctx.arc(x + bw / 2, jY, 3.5, 0, 2 * Math.PI);
      ctx.fillStyle = computed ? PALETTE.ink : BG;
      ctx.fill();
      ctx.strokeStyle = computed ? PALETTE.ink : PALETTE.grid;
      ctx.lineWidth = 1;
      ctx.stroke();
      ctx.font = CANVAS_MONO(TEXT_PX + 0.5);
      ctx.textAlign = 'center';
      ctx.fillStyle = PALETTE.ink;
      ctx.fillText(visibleChar(model.chars[t]!), x + bw / 2, xY);
    }
    ctx.font = CANVAS_FONT(TEXT_PX);
    ctx.fillStyle = PALETTE.blue;
    ctx.textAlign = 'left';
    if (T > 1) ctx.fillText('W_rec', s.chainX(0)! + bw + 3, stripTop - 4);

    // The marker: blue travelling right during the forward sweep, vermillion travelling left during the backward one.
    if (pos.phase === 'forward') {
      const to = pos.forwardDone;
      const from = to - 1;
      const xTo = s.chainX(to)! + bw / 2;
      const xFrom = from >= 0 ? s.chainX(from)! + bw / 2 : c.x - 4;
      dot(ctx, xFrom + (xTo - xFrom) * pos.tween, mid - 4, PALETTE.blue);
    } else if (pos.phase === 'backward') {
      const to = pos.backwardFrom - 1;
      const xTo = s.chainX(to)! + bw / 2;
      const xFrom = to + 1 < T ? s.chainX(to + 1)! + bw / 2 : c.x + c.w;
      dot(ctx, xFrom + (xTo - xFrom) * pos.tween, mid + 4, PALETTE.vermillion);
    }
  }

  /** ‖∂J_t/∂s_k‖: rows t, columns k; blank above the diagonal, hatched where truncation cuts. */
  private drawHeat(scene: Scene, s: Scales): void {
    const { ctx } = this.surface;
    const { model, trunc, pos } = scene;
    const r = this.layout.heat;
    const T = model.steps;
    const bw = s.cells.bandwidth();
    for (let t = 0; t < T; t++) {
      for (let k = 0; k <= t; k++) {
        const x = r.x + s.cells(k)!;
        const y = r.y + s.cells(t)!;
        const v = model.heat[t]![k]!;
        const dropped = trunc.dropped[t]![k]!;
        if (dropped) {
          ctx.fillStyle = DROPPED;
          ctx.fillRect(x, y, bw, bw);
          if (this.hatch) {
            ctx.fillStyle = this.hatch;
            ctx.fillRect(x, y, bw, bw);
          }
        } else if (k >= pos.backwardFrom) {
          ctx.fillStyle = s.heatColors[t]![k]!;
          ctx.fillRect(x, y, bw, bw);
          if (!Number.isFinite(v)) centred(ctx, '∞', x + bw / 2, y + bw / 2, '#fff', CANVAS_FONT(Math.max(TEXT_PX, bw - 3)));
        } else {
          ctx.fillStyle = EMPTY;
          ctx.fillRect(x, y, bw, bw);
        }
      }
    }
    // Where truncation cuts: a vermillion staircase between kept and dropped cells.
    if (trunc.droppedCells > 0) {
      const step = s.cells.step();
      const k = trunc.k;
      const pts: [number, number][] = [];
      for (let t = k; t < T; t++) {
        const xCut = r.x + (t - k + 1) * step - (step - bw) / 2;
        pts.push([xCut, r.y + t * step - (step - bw) / 2], [xCut, r.y + (t + 1) * step - (step - bw) / 2]);
      }
      ctx.strokeStyle = PALETTE.vermillion;
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      line().context(ctx)(pts);
      ctx.stroke();
    }
    // Axes: k along the bottom, t down the left, numbered from 1 as on the slides; a label every
    // step, or every other when cells are small.
    const every = bw >= 16 ? 1 : 2;
    ctx.font = CANVAS_MONO(TEXT_PX);
    ctx.fillStyle = PALETTE.muted;
    for (let i = 0; i < T; i += every) {
      ctx.textAlign = 'center';
      ctx.fillText(String(i + 1), r.x + s.cells(i)! + bw / 2, r.y + r.h + 7);
      ctx.textAlign = 'right';
      ctx.fillText(String(i + 1), r.x - 3, r.y + s.cells(i)! + bw / 2);
    }
    ctx.font = CANVAS_FONT(TEXT_PX + 0.5);
    ctx.textAlign = 'center';
    ctx.fillStyle = PALETTE.ink;
    ctx.fillText('state step k →', r.x + r.w / 2, r.y + r.h + 18);
    ctx.save();
    ctx.translate(r.x - 30, r.y + r.h / 2);
    ctx.rotate(-Math.PI / 2);
    ctx.fillText('← loss step t', 0, 0);
    ctx.restore();
    ctx.fillText('‖∂J_t/∂s_k‖', r.x + r.w / 2, r.y - 8);
    // The empty upper triangle: J_t does not depend on later states.
    ctx.fillStyle = PALETTE.muted;
    ctx.font = CANVAS_FONT(TEXT_PX);
    ctx.textAlign = 'center';
    ctx.fillText('0 for k > t', r.x + r.w * 0.68, r.y + r.h * 0.3);
  }

  /** Colour bar with log ticks (powers of ten when the range spans them). */
  private drawLegend(s: Scales): void {
    const { ctx } = this.surface;
    const r = this.layout.legend;
    const [lo, hi] = s.color.domain() as [number, number];
    const y = scaleLinear().domain([Math.log10(lo), Math.log10(hi)]).range([r.y + r.h, r.y]);
    ctx.drawImage(s.legendImage, r.x, r.y, r.w, r.h);
    ctx.strokeStyle = PALETTE.muted;
    ctx.lineWidth = 0.5;
    ctx.strokeRect(r.x, r.y, r.w, r.h);
    // d3's log ticks: powers of ten when the range spans decades, else the 2…9 multiples in between.
    let ticks = scaleLog().domain([lo, hi]).ticks(5);
    const powers = ticks.filter((v) => Math.abs(Math.log10(v) - Math.round(Math.log10(v))) < 1e-9);
    if (powers.length >= 2) ticks = powers;
    if (ticks.length > 6) ticks = ticks.filter((_, i) => i % Math.ceil(ticks.length / 6) === 0);
    if (ticks.length < 2) ticks = [lo, hi];
    ctx.font = CANVAS_MONO(TEXT_PX);
    ctx.fillStyle = PALETTE.muted;
    ctx.textAlign = 'left';
    for (const v of ticks) {
      const py = y(Math.log10(v));
      ctx.beginPath();
      ctx.moveTo(r.x + r.w, py);
      ctx.lineTo(r.x + r.w + 3, py);
      ctx.stroke();
      const label = v >= 1e-3 && v < 1e4 ? String(Number(v.toPrecision(2))) : v.toExponential(0).replace('e+', 'e');
      ctx.fillText(label, r.x + r.w + 5, py);
    }
    // Which end is which, in words: the colours alone do not say that dark means large.
    ctx.font = CANVAS_FONT(TEXT_PX);
    ctx.fillStyle = PALETTE.ink;
    ctx.textAlign = 'left';
    ctx.fillText('large', r.x - 2, r.y - 8);
    ctx.fillText('small', r.x - 2, r.y + r.h + 9);
  }

  /**
   * ⟨C_k, g⟩/‖g‖ per step k as a waterfall accumulated from the right, in the order the
   * backward sweep produces them; it ends at ‖g‖, the Σ bar. Dropped parts are hatched.
   */
  private drawBars(scene: Scene): void {
    const { ctx } = this.surface;
    const { model, trunc, pos } = scene;
    const r = this.layout.bars;
    const T = model.steps;
    const axisW = 30;
    const plot: Rect = { x: r.x + axisW, y: r.y, w: r.w - axisW, h: r.h };
    const keys = [...Array.from({ length: T }, (_, i) => String(i + 1)), 'Σ'];
    const x = scaleBand<string>().domain(keys).range([plot.x, plot.x + plot.w]).paddingInner(0.2);
    // Partial sums from the right: R_k = Σ_{j ≥ k} share_j, R_T = 0.
    const R = new Array<number>(T + 1).fill(0);
    for (let k = T - 1; k >= 0; k--) R[k] = R[k + 1]! + model.shares[k]!;
    const all = [0, model.totalNorm, ...R].filter(Number.isFinite);
    const y = scaleLinear()
      .domain([Math.min(...all), Math.max(...all)])
      .nice(4)
      .range([plot.y + plot.h, plot.y]);
    ctx.font = CANVAS_FONT(TEXT_PX + 0.5);
    ctx.fillStyle = PALETTE.ink;
    ctx.textAlign = 'center';
    ctx.fillText('step k’s share of ∂J/∂W_rec', plot.x + plot.w / 2, r.y - 8);
    // y axis from the scale's own ticks.
    ctx.font = CANVAS_MONO(TEXT_PX);
    ctx.textAlign = 'right';
    ctx.strokeStyle = PALETTE.grid;
    ctx.lineWidth = 0.6;
    const tickFormat = y.tickFormat(4);
    for (const v of y.ticks(4)) {
      const py = y(v);
      ctx.beginPath();
      ctx.moveTo(plot.x, py);
      ctx.lineTo(plot.x + plot.w, py);
      ctx.stroke();
      ctx.fillStyle = PALETTE.muted;
      ctx.fillText(tickFormat(v), plot.x - 3, py);
    }
    if (!model.finite) {
      centred(ctx, 'diverged (∞)', plot.x + plot.w / 2, plot.y + plot.h / 2, PALETTE.vermillion, CANVAS_FONT(TEXT_PX + 1, 600));
      return;
    }
    const bw = x.bandwidth();
    const keptTotal = trunc.keptShares.reduce((a, b) => a + b, 0);
    for (let k = T - 1; k >= 0; k--) {
      if (k < pos.backwardFrom) continue;
      const x0 = x(String(k))!;
      const base = R[k + 1]!;
      const kept = trunc.keptShares[k]!;
      fillSpan(ctx, x0, bw, y(base), y(base + kept), PALETTE.blue);
      if (trunc.droppedShares[k] !== 0) {
        const a = y(base + kept), b = y(R[k]!);
        fillSpan(ctx, x0, bw, a, b, DROPPED);
        if (this.hatch) fillSpan(ctx, x0, bw, a, b, this.hatch);
      }
      // Connector to the next bar on the left, at the running sum.
      if (k > 0) {
        ctx.strokeStyle = PALETTE.muted;
        ctx.lineWidth = 0.7;
        ctx.setLineDash([2, 2]);
        ctx.beginPath();
        ctx.moveTo(x0, y(R[k]!));
        ctx.lineTo(x(String(k - 1))! + bw, y(R[k]!));
        ctx.stroke();
        ctx.setLineDash([]);
      }
    }
    if (trunc.droppedCells > 0) {
      // Key for the two fills, top right of the plot.
      const kx = plot.x + plot.w - 118, ky = plot.y + 4;
      fillSpan(ctx, kx, 8, ky, ky + 8, PALETTE.blue);
      fillSpan(ctx, kx + 40, 8, ky, ky + 8, DROPPED);
      if (this.hatch) fillSpan(ctx, kx + 40, 8, ky, ky + 8, this.hatch);
      ctx.font = CANVAS_FONT(TEXT_PX);
      ctx.fillStyle = PALETTE.ink;
      ctx.textAlign = 'left';
      ctx.fillText('kept', kx + 11, ky + 4);
      ctx.fillText('dropped', kx + 51, ky + 4);
    }
    if (pos.phase === 'done') {
      const xs = x('Σ')!;
      fillSpan(ctx, xs, bw, y(0), y(model.totalNorm), PALETTE.ink);
      if (trunc.droppedCells > 0) {
        // What truncated BPTT delivers along the same direction: ⟨g_trunc, g⟩/‖g‖.
        fillSpan(ctx, xs + bw * 0.25, bw * 0.5, y(0), y(keptTotal), PALETTE.blue);
      }
      ctx.strokeStyle = PALETTE.ink;
      ctx.lineWidth = 0.7;
      ctx.setLineDash([3, 2]);
      ctx.beginPath();
      ctx.moveTo(x('1')!, y(R[0]!));
      ctx.lineTo(xs + bw, y(model.totalNorm));
      ctx.stroke();
      ctx.setLineDash([]);
    }
    ctx.strokeStyle = PALETTE.ink;
    ctx.lineWidth = 0.8;
    ctx.beginPath();
    ctx.moveTo(plot.x, y(0));
    ctx.lineTo(plot.x + plot.w, y(0));
    ctx.stroke();
    ctx.font = CANVAS_MONO(TEXT_PX);
    ctx.fillStyle = PALETTE.muted;
    ctx.textAlign = 'center';
    const every = bw >= 9 ? 1 : 2;
    keys.forEach((key, i) => {
      if (key === 'Σ' || i % every === 0) ctx.fillText(key, x(key)! + bw / 2, plot.y + plot.h + 6);
    });
  }

  private drawText(scene: Scene): void {
    const { ctx } = this.surface;
    const { model, trunc, check, pos } = scene;
    const L = this.layout;
    const T = model.steps;
    const status =
      pos.phase === 'forward'
        ? `forward sweep → s${sub(pos.forwardDone + 1)}`
        : pos.phase === 'backward'
          ? `backward sweep ← ∂J/∂s${sub(pos.backwardFrom)}`
          : `both sweeps done · J = ${fmt(model.loss, 4)}`;
    // The running sum grows as the backward sweep delivers each step's share.
    const sum = model.shares.slice(pos.backwardFrom).reduce((a, b) => a + b, 0);
    const sumText = !model.finite
      ? 'gradient diverged (∞)'
      : pos.phase === 'forward'
        ? `J${sub(1)} … J${sub(Math.max(1, pos.forwardDone))} computed`
        : pos.phase === 'backward'
          ? `running Σ of shares = ${fmt(sum, 4)}`
          : `Σₖ shares = ${fmt(sum, 4)} = ‖∂J/∂W_rec‖ = ${fmt(model.totalNorm, 4)}`;
    const schemeName = trunc.scheme === 'chunked' ? `chunks of τ = ${trunc.k}, BPTT(τ, τ)` : `sliding band τ = ${trunc.k}, BPTT(1, τ)`;
    const truncText =
      trunc.droppedCells === 0
        ? `full BPTT (τ ${trunc.k >= T ? '≥ T' : `= ${trunc.k}`}): no cell dropped, nothing lost`
        : `${schemeName}: drops ${trunc.droppedCells} of ${(T * (T + 1)) / 2} cells, loses ‖g_τ − g‖/‖g‖ = ${fmt(100 * trunc.relDiff, 3)} % of ∂J/∂W_rec`;
    const how = `grad check: tfjs autodiff (float32) vs central differences (float64, ε = ${FD_EPSILON.toExponential(0)})`;
    let result: string;
    let ok: boolean | null = null;
    if (check.kind === 'pending') result = 'grad check: computing…';
    else if (check.kind === 'unavailable') result = `grad check unavailable: ${check.reason}`;
    else {
      ok = check.check.ok;
      result = `${check.check.count} weights, max per-matrix ‖a − n‖/‖n‖ = ${fmt(check.check.maxRelError, 2)} ${ok ? `< ${GRADCHECK_TOLERANCE.toExponential(0)} ✓` : `≥ ${GRADCHECK_TOLERANCE.toExponential(0)} ✗`}`;
    }
    const lines: [string, string][] =
      L.textLines >= 4
        ? [
            [`${status} · ${sumText}`, PALETTE.ink],
            [truncText, trunc.droppedCells ? PALETTE.vermillion : PALETTE.muted],
            [how, PALETTE.muted],
            [result, ok === false ? PALETTE.vermillion : PALETTE.ink],
          ]
        : [
            [`${status} · ${sumText} · ${truncText}`, PALETTE.ink],
            [`${how}: ${result.replace(/^grad check: /, '')}`, ok === false ? PALETTE.vermillion : PALETTE.ink],
          ];
    ctx.font = CANVAS_FONT(TEXT_PX + 0.5);
    ctx.textAlign = 'left';
    lines.forEach(([text, colour], i) => {
      ctx.fillStyle = colour;
      ctx.fillText(text, L.text.x, L.text.y + (i + 0.5) * L.lineHeight, L.text.w);
    });
  }
}

function visibleChar(c: string): string {
  return c === ' ' ? '␣' : c === '\n' ? '⏎' : c;
}

function arrow(ctx: CanvasRenderingContext2D, x0: number, y0: number, x1: number, y1: number, colour: string, width: number): void {
  const dir = Math.sign(x1 - x0) || 1;
  ctx.strokeStyle = colour;
  ctx.fillStyle = colour;
  ctx.lineWidth = width;
  ctx.beginPath();
  ctx.moveTo(x0, y0);
  ctx.lineTo(x1 - dir * 3, y1);
  ctx.stroke();
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(x1 - dir * 4, y1 - 2.5);
  ctx.lineTo(x1 - dir * 4, y1 + 2.5);
  ctx.closePath();
  ctx.fill();
}

function dot(ctx: CanvasRenderingContext2D, x: number, y: number, colour: string): void {
  ctx.beginPath();
  ctx.arc(x, y, 3.2, 0, 2 * Math.PI);
  ctx.fillStyle = colour;
  ctx.fill();
  ctx.strokeStyle = '#fff';
  ctx.lineWidth = 1;
  ctx.stroke();
}

function centred(ctx: CanvasRenderingContext2D, text: string, x: number, y: number, colour: string, font: string): void {
  ctx.font = font;
  ctx.fillStyle = colour;
  ctx.textAlign = 'center';
  ctx.fillText(text, x, y);
}

/** A bar between two pixel heights in either order. */
function fillSpan(ctx: CanvasRenderingContext2D, x: number, w: number, ya: number, yb: number, fill: string | CanvasPattern): void {
  ctx.fillStyle = fill;
  ctx.fillRect(x, Math.min(ya, yb), w, Math.max(Math.abs(yb - ya), 0.8));
}

/** Diagonal hatching for what truncation drops (readable without colour). */
function makeHatch(ctx: CanvasRenderingContext2D): CanvasPattern | null {
  const tile = document.createElement('canvas');
  tile.width = tile.height = 8;
  const t = tile.getContext('2d', { willReadFrequently: SOFTWARE });
  if (!t) return null;
  t.strokeStyle = PALETTE.muted;
  t.lineWidth = 1.2;
  t.beginPath();
  t.moveTo(0, 8);
  t.lineTo(8, 0);
  t.moveTo(-2, 2);
  t.lineTo(2, -2);
  t.moveTo(6, 10);
  t.lineTo(10, 6);
  t.stroke();
  return ctx.createPattern(tile, 'repeat');
}

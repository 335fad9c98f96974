/**
 * The picture: the loss surface with both runs (left) and the gradient-norm trace (right).
 *
 * Three stacked canvases, because in headless Chromium the cost of a frame is raster and
 * compositing work, not the JavaScript (about 1 ms per draw): the heatmap and its axes
 * are drawn once; each animation step repaints only the runs over the plot and the trace
 * panel. The runtime's snapshot composes the three into one PNG.
 */
import { clearCanvas, type DemoCanvas } from '../../src/widgets/ui.ts';
import type { Point, Run } from './model.ts';
import type { Surface } from './surface.ts';
import type { Rect } from './surface-panel.ts';
import { CLIPPED_STYLE, PLAIN_STYLE, drawCursor, drawLabels, drawRun, drawStart, drawSurfaceBackground, heatmapImage, surfaceScales } from './surface-panel.ts';
import { drawTrace, runStatus } from './trace-panel.ts';

export interface Scene {
  plain: Run;
  clipped: Run;
  /** Iterates shown: 0 … upto. */
  upto: number;
  steps: number;
  threshold: number;
  start: Point;
  cursor: Point | null;
}

export interface Layout {
  surfacePlot: Rect;
  tracePanel: Rect;
  tracePlot: Rect;
}

export function layout(width: number, height: number): Layout {
  const plotW = Math.round(width * 0.47);
  const surfacePlot = { x: 40, y: 6, width: plotW, height: height - 6 - 34 };
  const tx = surfacePlot.x + plotW + 70;
  const tracePanel = { x: tx, y: 0, width: width - tx, height };
  const tracePlot = { x: tx + 42, y: 36, width: width - tx - 42 - 10, height: height - 36 - 34 };
  return { surfacePlot, tracePanel, tracePlot };
}

export interface View {
  /** The surface plot: the element that takes clicks and keys. */
  readonly surfaceCanvas: HTMLCanvasElement;
  draw(scene: Scene): void;
  /** The (w, b) under a pointer event, or null outside the surface plot. */
  pointAt(clientX: number, clientY: number): Point | null;
  /** Swaps in a finer grid of the same window (the heatmap only; call draw afterwards). */
  setSurface(surface: Surface): void;
}

/**
 * `base` is the demo's main canvas (heatmap and axes, drawn once); `layer` stacks the
 * canvases redrawn every step over it.
 */
export function createView(base: DemoCanvas, layer: (rect: Rect, label: string) => DemoCanvas, initialSurface: Surface): View {
  let surface = initialSurface;
  const { width, height } = base;
  const lay = layout(width, height);
  const drawBase = () => {
    base.ctx.fillStyle = '#fff';
    base.ctx.fillRect(0, 0, width, height);
    drawSurfaceBackground(base.ctx, surface, heatmapImage(surface), lay.surfacePlot);
  };
  drawBase();

  const runs = layer(lay.surfacePlot, 'Gradient-descent runs on the loss surface');
  const trace = layer(lay.tracePanel, 'Gradient norm per step of both runs');

  return {
    surfaceCanvas: runs.canvas,
    draw(scene) {
      clearCanvas(runs);
      const plot = lay.surfacePlot;
      const labels = [
        ...drawRun(runs.ctx, surface, plot, scene.plain, scene.upto, PLAIN_STYLE),
        ...drawRun(runs.ctx, surface, plot, scene.clipped, scene.upto, CLIPPED_STYLE),
      ];
      drawStart(runs.ctx, surface, plot, scene.start);
      drawLabels(runs.ctx, plot, labels);
      if (scene.cursor) drawCursor(runs.ctx, surface, plot, scene.cursor);

      clearCanvas(trace);
      trace.ctx.fillStyle = '#fff';
      trace.ctx.fillRect(lay.tracePanel.x, lay.tracePanel.y, lay.tracePanel.width, lay.tracePanel.height);
      // The trace shows whole steps; only the paths on the surface are tweened.
      const whole = { ...scene, upto: Math.floor(scene.upto) };
      drawTrace(trace.ctx, lay.tracePanel, lay.tracePlot, whole);

      const st = runStatus(whole);
      runs.canvas.setAttribute('aria-label', `Loss surface over w and b, start w ${scene.start.w}, b ${scene.start.b}. Plain gradient descent: ${st.plain}. Clipped: ${st.clipped}. Click, or move the cursor with the arrow keys and press Enter, to start both runs there.`);
    },
    pointAt(clientX, clientY) {
      const r = runs.canvas.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return null;
      // remark scales the slide with a CSS transform: map through the drawn size.
      const plot = lay.surfacePlot;
      const px = plot.x + ((clientX - r.left) * plot.width) / r.width;
      const py = plot.y + ((clientY - r.top) * plot.height) / r.height;
      if (px < plot.x || px > plot.x + plot.width || py < plot.y || py > plot.y + plot.height) return null;
      const { x, y } = surfaceScales(surface, plot);
      return { w: x.invert(px), b: y.invert(py) };
    },
    setSurface(next) {
      surface = next;
      drawBase();
    },
  };
}

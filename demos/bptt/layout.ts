/** Where each panel of the BPTT picture goes, for the canvas size the slide gives. */

export interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export interface Layout {
  width: number;
  height: number;
  /** The unrolled chain: J_t above, s_t, x_t below. */
  chain: Rect;
  /** Cells of the ‖∂J_t/∂s_k‖ heatmap (labels around it). */
  heat: Rect;
  /** Colour bar of the heatmap. */
  legend: Rect;
  /** Per-step contributions to ∂J/∂W_rec. */
  bars: Rect;
  /** Status, sum, truncation and gradient-check lines. */
  text: Rect;
  /** Text lines: 4 in a narrow column, 2 where the width allows. */
  textLines: number;
  lineHeight: number;
}

const CHAIN_H = 74;
const LINE_H = 17;

export function computeLayout(width: number, height: number): Layout {
  const textLines = width >= 640 ? 2 : 4;
  const text: Rect = { x: 4, y: height - textLines * LINE_H - 3, w: width - 8, h: textLines * LINE_H };
  const chain: Rect = { x: 22, y: 2, w: width - 30, h: CHAIN_H };
  const top = chain.y + chain.h + 16;
  const bottom = text.y - 30;
  // Square heatmap; the labels need ~40 px on its left and ~22 px below.
  const side = Math.max(40, Math.min(bottom - top, width * 0.36));
  const heat: Rect = { x: 44, y: top, w: side, h: side };
  const legend: Rect = { x: heat.x + side + 8, y: top, w: 8, h: side };
  const barsX = legend.x + legend.w + 58;
  const bars: Rect = { x: barsX, y: top, w: Math.max(60, width - barsX - 6), h: side };
  return { width, height, chain, heat, legend, bars, text, textLines, lineHeight: LINE_H };
}

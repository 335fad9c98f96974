/**
 * The loss surface drawn as the heatmap, and where its cliff is. The full grid costs a
 * few hundred milliseconds on a slow machine, so it is computed in slices that yield to
 * the event loop, and cached: the first frame uses a coarse grid, later mounts the full one.
 */
import { WINDOW } from './model.ts';
import type { Window } from './model.ts';

/** The loss over a grid covering the window; arrays are row-major [nb, nw], row 0 at bMin. */
export interface Surface {
  window: Window;
  nw: number;
  nb: number;
  loss: Float64Array;
  /** log10 of the loss, floored at LOG_LOSS_FLOOR. */
  logLoss: Float64Array;
}

/** Heatmap grid: about 1.6 CSS px per cell on a 860 px slide. */
export const SURFACE_GRID = { nw: 250, nb: 150 } as const;

/** Smallest loss shown: below it the colour map saturates (the basin floor reaches 1e-30). */
export const LOG_LOSS_FLOOR = -6;

/**
 * The loss alone (the forward pass of pascanuModel, same defaults): a sweep over the
 * heatmap needs no gradient, and skipping it and its buffers makes the first frame
 * several times faster than pascanuLossSurface.
 */
export function pascanuLoss(w: number, b: number): number {
  let x = 0.5;
  for (let t = 0; t < 50; t++) {
    const next = w / (1 + Math.exp(-x)) + b;
    // An exact fixed point stays put: the remaining steps would not change a bit.
    if (next === x) break;
    x = next;
  }
  return (1 / (1 + Math.exp(-x)) - 0.7) ** 2;
}

/** A coarse grid for the first frame while the full one is still being computed. */
export const COARSE_GRID = { nw: 100, nb: 60 } as const;

const surfaces = new Map<string, Surface>();
const pending = new Map<string, Promise<Surface>>();

const keyOf = (nw: number, nb: number, win: Window) => `${nw}x${nb}:${win.wMin},${win.wMax},${win.bMin},${win.bMax}`;

function emptySurface(nw: number, nb: number, win: Window): Surface {
  return { window: { ...win }, nw, nb, loss: new Float64Array(nw * nb), logLoss: new Float64Array(nw * nb) };
}

function fillRow(s: Surface, i: number): void {
  const { window: win, nw, nb } = s;
  const b = win.bMin + ((win.bMax - win.bMin) * i) / (nb - 1);
  for (let j = 0; j < nw; j++) {
    const l = pascanuLoss(win.wMin + ((win.wMax - win.wMin) * j) / (nw - 1), b);
    s.loss[i * nw + j] = l;
    s.logLoss[i * nw + j] = Math.max(LOG_LOSS_FLOOR, Math.log10(l));
  }
}

/** The surface if it has been computed already. */
export function cachedSurface(nw: number, nb: number, win: Window = WINDOW): Surface | undefined {
  return surfaces.get(keyOf(nw, nb, win));
}

/** The surface at nw × nb points, computed now (or taken from the cache). */
export function lossSurface(nw: number, nb: number, win: Window = WINDOW): Surface {
  const key = keyOf(nw, nb, win);
  const cached = surfaces.get(key);
  if (cached) return cached;
  const s = emptySurface(nw, nb, win);
  for (let i = 0; i < nb; i++) fillRow(s, i);
  surfaces.set(key, s);
  return s;
}

/** The same surface computed in slices of about `sliceMs`, so animation frames keep coming meanwhile. */
export function lossSurfaceInSlices(nw: number, nb: number, win: Window = WINDOW, sliceMs = 8): Promise<Surface> {
  const key = keyOf(nw, nb, win);
  const cached = surfaces.get(key);
  if (cached) return Promise.resolve(cached);
  const running = pending.get(key);
  if (running) return running;
  const task = new Promise<Surface>((resolve) => {
    const s = emptySurface(nw, nb, win);
    let i = 0;
    const slice = () => {
      const until = performance.now() + sliceMs;
      while (i < nb && performance.now() < until) fillRow(s, i++);
      if (i < nb) {
        setTimeout(slice, 0);
        return;
      }
      surfaces.set(key, s);
      pending.delete(key);
      resolve(s);
    };
    setTimeout(slice, 0);
  });
  pending.set(key, task);
  return task;
}

export interface Cliff {
  /** Where the loss jumps most between two neighbouring grid rows (b and b + db at the same w). */
  w: number;
  b: number;
  db: number;
  /** Loss change across that step. */
  jump: number;
  /** Ratio of the larger to the smaller loss across that step. */
  ratio: number;
}

/** Smallest loss change across one grid step that counts as a cliff (the plateau sits at 0.49). */
export const CLIFF_MIN_JUMP = 0.1;

/**
 * The steepest jump of the loss across one grid step in b: the largest ratio among steps
 * that also change the loss by CLIFF_MIN_JUMP. The ratio alone would pick the zero-loss
 * curve, where tiny losses differ by large factors without any cliff.
 */
export function findCliff(s: Surface): Cliff {
  const { window: win, nw, nb, loss } = s;
  const db = (win.bMax - win.bMin) / (nb - 1);
  let best: Cliff = { w: win.wMin, b: win.bMin, db, jump: 0, ratio: 1 };
  for (let i = 0; i + 1 < nb; i++) {
    for (let j = 0; j < nw; j++) {
      const l0 = loss[i * nw + j]!;
      const l1 = loss[(i + 1) * nw + j]!;
      const jump = Math.abs(l1 - l0);
      const ratio = Math.max(l0, l1) / Math.min(l0, l1);
      if (jump >= CLIFF_MIN_JUMP && ratio > best.ratio) {
        best = { w: win.wMin + ((win.wMax - win.wMin) * j) / (nw - 1), b: win.bMin + db * i, db, jump, ratio };
      }
    }
  }
  return best;
}

/** The b of the largest loss jump along the grid column nearest to w (where to label the cliff). */
export function cliffAt(s: Surface, w: number): number {
  const { window: win, nw, nb, loss } = s;
  const j = Math.max(0, Math.min(nw - 1, Math.round(((w - win.wMin) / (win.wMax - win.wMin)) * (nw - 1))));
  let best = 0;
  let at = 0;
  for (let i = 0; i + 1 < nb; i++) {
    const jump = Math.abs(loss[(i + 1) * nw + j]! - loss[i * nw + j]!);
    if (jump > best) {
      best = jump;
      at = i;
    }
  }
  return win.bMin + ((win.bMax - win.bMin) * (at + 0.5)) / (nb - 1);
}

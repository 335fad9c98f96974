/**
 * Small, keyboard-operable controls shared by the demos. Native inputs keep focus,
 * arrow keys and screen readers working; the runtime stops their keys from reaching remark.
 */
export interface Control<T> {
  readonly element: HTMLElement;
  set(value: T): void;
  setDisabled(disabled: boolean): void;
}

let nextId = 0;
const uid = (prefix: string) => `${prefix}-${++nextId}`;

export function controlBar(parent: HTMLElement): HTMLElement {
  const bar = document.createElement('div');
  bar.className = 'demo-controls';
  parent.append(bar);
  return bar;
}

export function slider(options: {
  label: string;
  min: number;
  max: number;
  step: number;
  value: number;
  format?: (v: number) => string;
  onInput: (v: number) => void;
}): Control<number> {
  const wrap = document.createElement('label');
  wrap.className = 'demo-slider';
  const text = document.createElement('span');
  text.className = 'demo-label';
  text.textContent = options.label;
  const input = document.createElement('input');
  input.type = 'range';
  input.min = String(options.min);
  input.max = String(options.max);
  input.step = String(options.step);
  input.value = String(options.value);
  const out = document.createElement('output');
  const format = options.format ?? ((v: number) => String(v));
  out.textContent = format(options.value);
  input.addEventListener('input', () => {
    const v = Number(input.value);
    out.textContent = format(v);
    options.onInput(v);
  });
  wrap.append(text, input, out);
  return {
    element: wrap,
    set(v) {
      input.value = String(v);
      out.textContent = format(v);
    },
    setDisabled(d) {
      input.disabled = d;
    },
  };
}

export function select<T extends string>(options: { label: string; values: readonly T[]; labels?: Readonly<Record<string, string>>; value: T; onChange: (v: T) => void }): Control<T> {
  const wrap = document.createElement('label');
  wrap.className = 'demo-select';
  const text = document.createElement('span');
  text.className = 'demo-label';
  text.textContent = options.label;
  const sel = document.createElement('select');
  sel.id = uid('demo-select');
  for (const v of options.values) {
    const opt = document.createElement('option');
    opt.value = v;
    opt.textContent = options.labels?.[v] ?? v;
    sel.append(opt);
  }
  sel.value = options.value;
  sel.addEventListener('change', () => options.onChange(sel.value as T));
  wrap.append(text, sel);
  return {
    element: wrap,
    set(v) {
      sel.value = v;
    },
    setDisabled(d) {
      sel.disabled = d;
    },
  };
}

export function button(options: { label: string; title?: string; onClick: () => void }): Control<string> {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'demo-button';
  b.textContent = options.label;
  if (options.title) b.title = options.title;
  b.addEventListener('click', () => options.onClick());
  return {
    element: b,
    set(label) {
      b.textContent = label;
    },
    setDisabled(d) {
      b.disabled = d;
    },
  };
}

/** A canvas whose backing store matches the pixels it covers on screen (see backingScale). */
export interface DemoCanvas {
  readonly canvas: HTMLCanvasElement;
  readonly ctx: CanvasRenderingContext2D;
  readonly width: number;
  readonly height: number;
  /** Backing-store pixels per CSS pixel of the slide. */
  readonly scale: number;
  /** Where a stacked layer sits over the main canvas, in CSS pixels. */
  readonly offsetX?: number;
  readonly offsetY?: number;
}

/** Offscreen images (tiles, heatmaps) are drawn at this resolution and scaled into the canvas. */
export const CANVAS_SCALE = 2;

/**
 * Backing-store pixels per slide pixel: the device's pixel ratio times the zoom at which
 * remark fits the slide to this window (a 1210 px wide slide fills a 1920 px projector at
 * 1.6×), in quarter steps, at least 1. The zoom is the full window's even in presenter
 * mode, so the slide view and presenter mode draw the same pixels. Larger would only add
 * pixels to raster on every slide change and frame.
 */
export function backingScale(el: Element): number {
  const scaler = el.closest('.remark-slide-scaler');
  const w = scaler instanceof HTMLElement ? scaler.offsetWidth : 0;
  const h = scaler instanceof HTMLElement ? scaler.offsetHeight : 0;
  const zoom = w > 0 && h > 0 && typeof innerWidth === 'number' ? Math.min(innerWidth / w, innerHeight / h) : 1;
  const ratio = (typeof devicePixelRatio === 'number' ? devicePixelRatio : 1) * zoom;
  return Math.min(3, Math.max(1, Math.ceil(ratio * 4) / 4));
}

export function demoCanvas(parent: HTMLElement, width: number, height: number, label: string, scale = backingScale(parent)): DemoCanvas {
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  parent.append(canvas);
  // Drawn on the CPU: demo canvases are small and redrawn whole every frame, which measured
  // several times faster than a GPU canvas under software WebGL (no GPU) and is no slower on a GPU.
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  if (!ctx) throw new Error('this browser gives no 2D canvas');
  ctx.scale(scale, scale);
  return { canvas, ctx, width, height, scale };
}

/**
 * Gives a demo canvas a new height (CSS pixels), keeping its width and scale. Its content is
 * cleared; the caller redraws.
 */
export function resizeDemoCanvas(c: DemoCanvas, height: number): void {
  c.canvas.height = Math.round(height * c.scale);
  c.canvas.style.height = `${height}px`;
  // Setting the size resets the context: the slide-pixel scale goes back on.
  c.ctx.setTransform(c.scale, 0, 0, c.scale, 0, 0);
  (c as { height: number }).height = height;
}

/** A canvas stacked over the main one at `rect`, drawing in the main canvas's coordinates. */
export function stackCanvas(stage: HTMLElement, rect: { x: number; y: number; width: number; height: number }, label: string): DemoCanvas {
  const layer = demoCanvas(stage, rect.width, rect.height, label);
  Object.assign(layer.canvas.style, { position: 'absolute', left: `${rect.x}px`, top: `${rect.y}px` });
  layer.ctx.translate(-rect.x, -rect.y);
  return { ...layer, offsetX: rect.x, offsetY: rect.y };
}

/** Clears a whole canvas whatever its transform. */
export function clearCanvas(c: DemoCanvas): void {
  c.ctx.save();
  c.ctx.setTransform(1, 0, 0, 1, 0, 0);
  c.ctx.clearRect(0, 0, c.canvas.width, c.canvas.height);
  c.ctx.restore();
}

/** Fonts for canvas text: the deck's shipped faces (canvas falls back to system fonts otherwise). */
/**
 * No canvas text is drawn below this size in slide pixels: 14 screen pixels at the smallest
 * zoom the deck is shown at (a 1280 × 720 window), as the text-size test checks.
 */
export const MIN_CANVAS_FONT_PX = 13.5;
export const CANVAS_FONT = (px: number, weight = 400) => `${weight} ${Math.max(px, MIN_CANVAS_FONT_PX)}px "Noto Serif", serif`;
export const CANVAS_MONO = (px: number, weight = 400) => `${weight} ${Math.max(px, MIN_CANVAS_FONT_PX)}px "Ubuntu Mono", monospace`;

/**
 * Okabe–Ito colours: distinguishable with the common colour-vision deficiencies. Orange,
 * purple and sky are darkened so that every mark colour has 3:1 against the canvas
 * backgrounds on a washed-out projector (the originals have 2.2–3.0:1); neighbours stay
 * ΔE2000 ≥ 10 apart under simulated protanopia, deuteranopia and tritanopia
 * (tests/unit/widgets/palettes.test.ts). Yellow is for highlights behind ink text only.
 */
export const PALETTE = {
  blue: '#0072B2',
  orange: '#B07A00',
  green: '#009E73',
  vermillion: '#D55E00',
  purple: '#B45A8E',
  sky: '#3A8CC4',
  yellow: '#F0E442',
  ink: '#1d1f24',
  muted: '#5b6270',
  grid: '#d9d6cc',
} as const;

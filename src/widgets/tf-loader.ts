import type * as TfModule from '@tensorflow/tfjs';
import { limitLayersGraphCache } from '../training/layers-graph-cache.ts';

export type Tf = typeof TfModule;
export type BackendName = 'webgl' | 'wasm' | 'cpu';

/** The order backends are tried in: the GPU first, then SIMD WebAssembly, then plain JavaScript. */
export const BACKEND_ORDER: readonly BackendName[] = ['webgl', 'wasm', 'cpu'];

/** The page's one backend and why it was chosen (shown in the help overlay and on each demo's badge). */
export interface PageBackend {
  name: BackendName;
  reason: string;
  /** Backends that were tried first and failed, and how ("wasm failed to start"): the page says so. */
  fallback?: string;
}

let tfPromise: Promise<Tf> | null = null;
let chosen: PageBackend | null = null;
const failed = new Map<BackendName, string>();
let lostListener: ((backend: BackendName) => void) | null = null;
let losingListener: ((backend: BackendName) => void) | null = null;
/** While the page moves to another backend (a lost context), loadTf waits for it. */
let switching: Promise<unknown> | null = null;
/** The wasm binaries' addresses, checked before the wasm backend starts. */
let wasmUrls: string[] = [];
const changeListeners = new Set<(backend: PageBackend) => void>();

/** `?backend=cpu` (or wasm, webgl) forces that backend. */
export function backendFromUrl(search = location.search): BackendName | null {
  const v = new URLSearchParams(search).get('backend');
  return v === 'webgl' || v === 'wasm' || v === 'cpu' ? v : null;
}

/** A software rasteriser (SwiftShader, llvmpipe) runs WebGL slower than WebAssembly runs the same model. */
export const SOFTWARE_RENDERER = /swiftshader|llvmpipe|softpipe|software|microsoft basic render/i;

/** The GPU's renderer string, or null where WebGL 2 is not available at all. */
export function webglRenderer(): string | null {
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return null;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return renderer;
  } catch {
    return null;
  }
}

/**
 * The order for this page: a forced backend first; WebGL only on real graphics hardware;
 * then WebAssembly, then plain JavaScript. Each entry says why.
 */
export function backendPlan(forced: BackendName | null, renderer: string | null): PageBackend[] {
  if (forced) return [{ name: forced, reason: `forced by ?backend=${forced}` }, ...backendPlan(null, renderer).filter((b) => b.name !== forced)];
  const plan: PageBackend[] = [];
  if (renderer && !SOFTWARE_RENDERER.test(renderer)) plan.push({ name: 'webgl', reason: `GPU: ${renderer}` });
  const skipped = renderer === null ? 'no WebGL 2' : SOFTWARE_RENDERER.test(renderer) ? `WebGL is software-rendered (${renderer})` : 'WebGL failed';
  plan.push({ name: 'wasm', reason: `WebAssembly SIMD: ${skipped}` });
  plan.push({ name: 'cpu', reason: 'plain JavaScript: WebAssembly could not start' });
  return plan;
}

/**
 * TensorFlow.js is loaded only when a demo needs it (its own chunk in the served build),
 * and its backend is chosen once for the whole page. The wasm binaries ship with the
 * build; threads are not used, since they need cross-origin isolation that a file://
 * page cannot have.
 */
export function loadTf(): Promise<Tf> {
  tfPromise ??= (async () => {
    const [tf, wasm, { WASM_PATHS }] = await Promise.all([import('@tensorflow/tfjs'), import('@tensorflow/tfjs-backend-wasm'), import('./tf-wasm-urls.ts')]);
    wasm.setWasmPaths(WASM_PATHS, true);
    wasmUrls = [...new Set(Object.values(WASM_PATHS))];
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    limitLayersGraphCache(tf.env());
    await choosePageBackend(tf);
    return tf;
  })();
  const moving = switching;
  if (!moving) return tfPromise;
  return tfPromise.then(async (tf) => {
    await moving;
    return tf;
  });
}

export function tfLoaded(): boolean {
  return tfPromise !== null;
}

export function pageBackend(): PageBackend | null {
  return chosen;
}

/** After a backend was lost, once the page runs on the next one. */
export function onBackendLost(listener: (backend: BackendName) => void): void {
  lostListener = listener;
}

/** At once when a backend is lost, before the next one starts: nothing may run TensorFlow.js in between. */
export function onBackendLosing(listener: (backend: BackendName) => void): void {
  losingListener = listener;
}

/** The help overlay's line follows the page's backend. */
export function onBackendChange(listener: (backend: PageBackend) => void): () => void {
  changeListeners.add(listener);
  if (chosen) listener(chosen);
  return () => changeListeners.delete(listener);
}

/** Picks the first backend of the plan that starts; a backend that failed before is skipped. */
export async function choosePageBackend(tf: Tf): Promise<PageBackend> {
  const plan = backendPlan(backendFromUrl(), webglRenderer());
  for (const option of plan) {
    if (failed.has(option.name)) continue;
    try {
      if (option.name === 'wasm') await checkWasmBinaries();
      const ok = await tf.setBackend(option.name);
      if (!ok) throw new Error(`${option.name} did not start`);
      await tf.ready();
      if (option.name === 'webgl') watchWebglContext(tf);
      const reasons = [...failed].map(([name, why]) => `${name} ${why}`);
      chosen = reasons.length ? { name: option.name, reason: `${option.reason}; ${reasons.join('; ')}`, fallback: reasons.join('; ') } : { name: option.name, reason: option.reason };
      for (const l of changeListeners) l(chosen);
      return chosen;
    } catch (error) {
      failed.set(option.name, error instanceof MissingBinary ? `failed to start: ${error.message}` : 'failed to start');
    }
  }
  throw new Error('no TensorFlow.js backend could start (tried webgl, wasm and cpu)');
}

class MissingBinary extends Error {}

/**
 * The wasm backend's loader never settles when its binary does not arrive (a 404 makes it
 * call a function its minified build does not have), so the page would wait forever: the
 * binaries are asked for first, and a missing one skips the backend. Inlined binaries
 * (data: URLs, the single-file build) cannot be missing.
 */
async function checkWasmBinaries(): Promise<void> {
  for (const url of wasmUrls) {
    if (url.startsWith('data:')) continue;
    const response = await fetch(url, { method: 'HEAD', credentials: 'same-origin' });
    if (!response.ok) throw new MissingBinary(`its binary could not be loaded (HTTP ${response.status})`);
  }
}

function watchWebglContext(tf: Tf): void {
  const backend = tf.backend() as unknown as { gpgpu?: { gl?: WebGL2RenderingContext } };
  const canvas = backend.gpgpu?.gl?.canvas;
  if (!canvas || !('addEventListener' in canvas)) return;
  canvas.addEventListener(
    'webglcontextlost',
    () => {
      failed.set('webgl', 'lost its context');
      losingListener?.('webgl');
      const next = choosePageBackend(tf);
      switching = next;
      void next.then(
        () => {
          switching = null;
          lostListener?.('webgl');
        },
        () => (switching = null),
      );
    },
    { once: true },
  );
}

/** Test and debugging hook: loses the WebGL context the way a GPU reset would. */
export function loseWebglContextForTesting(tf: Tf): boolean {
  const backend = tf.backend() as unknown as { gpgpu?: { gl?: WebGL2RenderingContext } };
  const ext = backend.gpgpu?.gl?.getExtension('WEBGL_lose_context');
  if (!ext) return false;
  ext.loseContext();
  return true;
}

import type * as TfModule from '@tensorflow/tfjs';

export type Tf = typeof TfModule;
export type BackendName = 'webgl' | 'wasm' | 'cpu';

/** The order backends are tried in: the GPU first, then SIMD WebAssembly, then plain JavaScript. */
export const BACKEND_ORDER: readonly BackendName[] = ['webgl', 'wasm', 'cpu'];

let tfPromise: Promise<Tf> | null = null;
const failed = new Set<BackendName>();
let lostListener: ((backend: BackendName) => void) | null = null;

/** `?backend=cpu` (or wasm, webgl) puts that backend first. */
export function backendFromUrl(search = location.search): BackendName | null {
  const v = new URLSearchParams(search).get('backend');
  return v === 'webgl' || v === 'wasm' || v === 'cpu' ? v : null;
}

/**
 * TensorFlow.js is loaded only when a demo needs it (its own chunk in the served build).
 * The wasm binaries ship with the build; threads are not used, since they need
 * cross-origin isolation that a file:// page cannot have.
 */
export function loadTf(): Promise<Tf> {
  tfPromise ??= (async () => {
    const [tf, wasm, { WASM_PATHS }] = await Promise.all([import('@tensorflow/tfjs'), import('@tensorflow/tfjs-backend-wasm'), import('./tf-wasm-urls.ts')]);
    wasm.setWasmPaths(WASM_PATHS, true);
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    return tf;
  })();
  return tfPromise;
}

export function tfLoaded(): boolean {
  return tfPromise !== null;
}

export function onBackendLost(listener: (backend: BackendName) => void): void {
  lostListener = listener;
}

/** Marks a backend unusable for the rest of the session (a failed start or a lost WebGL context). */
export function markBackendFailed(backend: BackendName): void {
  failed.add(backend);
}

export function candidateBackends(preferred?: BackendName): BackendName[] {
  const forced = backendFromUrl();
  const first = forced ?? preferred;
  const order = first ? [first, ...BACKEND_ORDER.filter((b) => b !== first)] : [...BACKEND_ORDER];
  return order.filter((b) => !failed.has(b));
}

/** Selects the first backend that starts, in the order above; returns its name. */
export async function useBackend(tf: Tf, preferred?: BackendName): Promise<BackendName> {
  for (const name of candidateBackends(preferred)) {
    if (tf.getBackend() === name) return name;
    try {
      const ok = await tf.setBackend(name);
      if (!ok) throw new Error(`${name} did not start`);
      await tf.ready();
      if (name === 'webgl') watchWebglContext(tf);
      return name;
    } catch {
      failed.add(name);
    }
  }
  throw new Error('no TensorFlow.js backend could start (tried webgl, wasm and cpu)');
}

function watchWebglContext(tf: Tf): void {
  const backend = tf.backend() as unknown as { gpgpu?: { gl?: WebGL2RenderingContext } };
  const canvas = backend.gpgpu?.gl?.canvas;
  if (!canvas || !('addEventListener' in canvas)) return;
  canvas.addEventListener(
    'webglcontextlost',
    () => {
      failed.add('webgl');
      lostListener?.('webgl');
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

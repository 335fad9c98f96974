import type { DemoContext, DemoInstance, DemoModule, DemoRole, DemoStatus, Json } from './contract.ts';
import type { DemoManifest, ParamValues } from './params.ts';
import { loadTf, useBackend, type BackendName, type Tf } from './tf-loader.ts';

/**
 * Canvas text uses whatever font is loaded at the moment it is drawn and is never redrawn
 * when a web font arrives; the demos' faces are loaded before any demo draws, so every
 * window draws the same pixels.
 */
function loadCanvasFonts(): Promise<unknown> {
  if (typeof document === 'undefined' || !('fonts' in document)) return Promise.resolve();
  return Promise.all(
    ['400 13px "Noto Serif"', '700 13px "Noto Serif"', '400 13px "Ubuntu Mono"'].map((f) => document.fonts.load(f, 'x₁ŷ→∞')),
  ).catch(() => undefined);
}

/** Keys typed into a demo's controls must not drive the slides. */
const STOPPED_KEY_EVENTS = ['keydown', 'keypress', 'keyup'] as const;

/**
 * Sliders, menus and text fields keep every key; a focused button keeps only the keys that
 * press it, so a lecturer who clicked "train" can still go on with the arrow keys; a
 * focusable canvas keeps its arrow keys. Escape leaves the control and gives the keys back
 * to the deck.
 */
function keepKeyInDemo(e: KeyboardEvent): void {
  const target = e.target as HTMLElement | null;
  if (!target) return;
  if (e.key === 'Escape' && target !== document.body) {
    e.stopPropagation();
    if (e.type === 'keydown') target.blur();
    return;
  }
  const keeps =
    target.matches('input, select, textarea') ||
    (target.matches('button') && (e.key === 'Enter' || e.key === ' ')) ||
    (target.matches('canvas[tabindex]') && e.key.startsWith('Arrow'));
  if (keeps) e.stopPropagation();
}

export interface MountOptions {
  id: string;
  manifest: DemoManifest;
  params: ParamValues;
  role: DemoRole;
  reducedMotion: boolean;
  load: () => Promise<DemoModule>;
  /** State to start from, if any (an earlier mount, the URL, the driver window). */
  state: Json | undefined;
  step?: number;
  onCommit: (id: string, state: Json, step: number) => void;
}

/**
 * One live demo: its root element (which carries the testing attributes), its module
 * instance and its last committed state. The root moves between the `--` steps of a
 * slide, which are separate copies of the slide's DOM but one instance.
 */
export class MountedDemo {
  readonly root: HTMLElement;
  state: Json | undefined;
  step = 0;
  backend: BackendName | 'js' = 'js';
  lastSnapshot: string | undefined;
  /** Settles when the demo has mounted (or failed). */
  ready: Promise<void> = Promise.resolve();
  private instance: DemoInstance<Json> | undefined;
  private module: DemoModule | undefined;
  private active = false;
  private disposed = false;
  private readonly progressBar: HTMLElement;
  private readonly badge: HTMLElement;
  private readonly body: HTMLElement;

  constructor(private readonly options: MountOptions) {
    this.state = options.state;
    const root = document.createElement('div');
    root.className = 'demo-root';
    root.dataset.demo = options.manifest.name;
    root.dataset.demoId = options.id;
    root.dataset.demoRole = options.role;
    root.style.height = `${options.manifest.height}px`;
    for (const type of STOPPED_KEY_EVENTS) root.addEventListener(type, (e) => keepKeyInDemo(e as KeyboardEvent));
    this.progressBar = document.createElement('div');
    this.progressBar.className = 'demo-progress';
    this.progressBar.hidden = true;
    this.badge = document.createElement('span');
    this.badge.className = 'demo-badge';
    this.body = document.createElement('div');
    this.body.className = 'demo-body';
    root.append(this.progressBar, this.badge, this.body);
    this.root = root;
    this.setStatus('loading');
    this.setStep(options.step ?? 0);
  }

  get status(): DemoStatus {
    return (this.root.dataset.demoStatus as DemoStatus | undefined) ?? 'loading';
  }

  /** Loads the module (and TensorFlow.js if needed) and mounts; errors end in the error box. */
  async start(): Promise<void> {
    try {
      const [module] = await Promise.all([this.options.load(), loadCanvasFonts()]);
      let tf: Tf | undefined;
      if (this.options.manifest.tfjs) {
        this.progress(0.1, 'loading TensorFlow.js');
        tf = await loadTf();
        this.backend = await useBackend(tf, this.options.manifest.preferredBackend);
        this.progress(null);
      }
      if (this.disposed) return;
      this.badge.textContent = this.options.manifest.tfjs ? `tfjs · ${this.backend}` : '';
      this.badge.hidden = !this.options.manifest.tfjs;
      this.module = module;
      const params = this.options.params;
      const restored = this.state === undefined ? null : module.parseState(this.state, params);
      const state = restored ?? module.initialState(params);
      this.state = state;
      const context: DemoContext<ParamValues, Json> = {
        root: this.body,
        params,
        state,
        role: this.options.role,
        reducedMotion: this.options.reducedMotion,
        tf,
        commit: (next, step) => this.commit(next, step),
        progress: (fraction, label) => this.progress(fraction, label),
        isActive: () => this.active && !this.disposed,
      };
      const instance = await module.mount(context);
      if (this.disposed) {
        instance.unmount();
        return;
      }
      this.instance = instance;
      if (this.options.role === 'follower') this.disableControls();
      this.setStatus(this.active ? 'running' : 'paused');
      if (this.active && this.options.role === 'driver') this.guard(() => instance.resume());
    } catch (error) {
      this.fail(error);
    }
  }

  /** The slide holding this demo is shown. */
  show(): void {
    this.active = true;
    if (!this.instance) return;
    if (this.status !== 'error') this.setStatus('running');
    if (this.options.role === 'driver') this.guard(() => this.instance?.resume());
  }

  /** The slide is hidden: no animation frame or timer runs until it is shown again. */
  hide(): void {
    if (!this.active) return;
    this.active = false;
    if (!this.instance) return;
    this.guard(() => this.instance?.pause());
    this.takeSnapshot();
    if (this.status !== 'error') this.setStatus('paused');
  }

  /** A state from the driver window or a bookmark. */
  applyState(state: Json, step: number): void {
    this.state = state;
    this.setStep(step);
    if (!this.instance || !this.module) return;
    const parsed = this.module.parseState(state, this.options.params);
    if (parsed === null) return;
    this.guard(() => this.instance?.setState(parsed));
    // The picture changed while hidden: the next snapshot must be taken afresh.
    if (!this.active) this.lastSnapshot = undefined;
  }

  /** A hidden demo's picture does not change, so its last snapshot stands; a shown one is taken now. */
  currentSnapshot(): string | undefined {
    return this.active || this.lastSnapshot === undefined ? this.takeSnapshot() : this.lastSnapshot;
  }

  takeSnapshot(): string | undefined {
    if (!this.instance) return this.lastSnapshot;
    try {
      this.lastSnapshot = this.instance.snapshot();
    } catch {
      // A demo that cannot draw a snapshot keeps its previous one.
    }
    return this.lastSnapshot;
  }

  dispose(): void {
    if (this.disposed) return;
    this.takeSnapshot();
    this.disposed = true;
    this.active = false;
    const instance = this.instance;
    this.instance = undefined;
    if (instance) {
      try {
        instance.pause();
        instance.unmount();
      } catch (error) {
        console.error(`demo ${this.options.id}: unmount failed`, error);
      }
    }
    this.root.remove();
  }

  isTfjs(): boolean {
    return this.options.manifest.tfjs;
  }

  private commit(state: Json, step: number): void {
    if (this.disposed) return;
    this.state = state;
    this.setStep(step);
    this.options.onCommit(this.options.id, state, step);
  }

  private setStep(step: number): void {
    this.step = Math.max(0, Math.round(step));
    this.root.dataset.demoStep = String(this.step);
  }

  private setStatus(status: DemoStatus): void {
    this.root.dataset.demoStatus = status;
  }

  private progress(fraction: number | null, label?: string): void {
    this.progressBar.hidden = fraction === null;
    if (fraction !== null) {
      this.progressBar.style.transform = `scaleX(${Math.min(1, Math.max(0, fraction))})`;
      this.progressBar.title = label ?? '';
    }
    this.root.setAttribute('aria-busy', fraction === null ? 'false' : 'true');
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.fail(error);
    }
  }

  private disableControls(): void {
    for (const el of this.root.querySelectorAll<HTMLInputElement | HTMLButtonElement | HTMLSelectElement>('input, button, select')) {
      el.disabled = true;
    }
    this.root.title = 'Driven from the presenter window';
  }

  /** The demo's error stays inside its own box; the deck and other demos go on. */
  fail(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    console.error(`demo ${this.options.id} failed:`, error);
    this.setStatus('error');
    this.progress(null);
    const box = document.createElement('div');
    box.className = 'demo-error';
    box.setAttribute('role', 'alert');
    box.textContent = `${this.options.id}: demo "${this.options.manifest.name}" failed: ${message}`;
    this.body.replaceChildren(box);
    const instance = this.instance;
    this.instance = undefined;
    try {
      instance?.unmount();
    } catch {
      // Already failing; the error box says why.
    }
  }
}

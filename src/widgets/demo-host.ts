import type { DemoModule, DemoParts, DemoRole, DemoSetup, DemoSpec, DemoStatus, Json } from './contract.ts';
import { subscribe, unsubscribe, type ClockClient } from './clock.ts';
import { bindControl, type BoundControl } from './controls.ts';
import { check, type ParamValues } from './schema.ts';
import { pageBackend, type Tf } from './tf-loader.ts';
import { DemoTraining } from './training-jobs.ts';
import { describeDemo } from './describe.ts';
import { afterPaint } from './after-paint.ts';
import { controlBar, demoCanvas, resizeDemoCanvas, stackCanvas, type DemoCanvas } from './ui.ts';
import { describeNonFinite, nonFinitePath } from './finite.ts';
import { TrainingDiverged } from '../training/divergence.ts';

/**
 * Canvas text uses whatever font is loaded at the moment it is drawn and is never redrawn
 * when a web font arrives; the demos' faces are loaded before any demo draws, so every
 * window draws the same pixels.
 */
function loadCanvasFonts(): Promise<unknown> {
  if (typeof document === 'undefined' || !('fonts' in document)) return Promise.resolve();
  return Promise.all(
    ['400 14px "Noto Serif"', '700 14px "Noto Serif"', '400 14px "Ubuntu Mono"'].map((f) => document.fonts.load(f, 'x₁ŷ→∞')),
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
    (target.matches('canvas[tabindex]') && (e.key.startsWith('Arrow') || e.key === 'Enter'));
  if (keeps) e.stopPropagation();
}

/** One display step under reduced motion: the animation advances in visible jumps, nothing is tweened. */
const REDUCED_MOTION_STEP_MS = 700;

export interface HostOptions {
  id: string;
  spec: DemoSpec;
  params: ParamValues;
  role: DemoRole;
  reducedMotion: boolean;
  load: () => Promise<DemoModule>;
  loadTf: () => Promise<Tf>;
  /** State to start from, if any (an earlier mount, the URL, the driver window). */
  state: Json | undefined;
  step?: number;
  onCommit: (id: string, state: Json, step: number) => void;
  /** Ids of the demo's challenges this placement shows (the fence's `challenge:` line). */
  challenges?: readonly string[];
  /** Whether a challenge was met in an earlier session (kept progress). */
  metBefore?: (challengeId: string) => boolean;
  /** Driver: a challenge is met by the state shown now. */
  onChallengeMet?: (challengeId: string) => void;
  /**
   * Driver: the error box's buttons. `kept` mounts the demo again from its last committed
   * state (the one before the failure), `initial` from its defaults.
   */
  onRestart?: (id: string, from: 'kept' | 'initial') => void;
  /** Driver: the demo stopped with this message (sent to the clone, which shows it over its last picture). */
  onFail?: (id: string, text: string) => void;
}

/** The height of one row of controls with its margins (widgets.css, .demo-controls). */
const CONTROL_ROW_PX = 31;

/** A challenge is checked once the state has rested this long: a slider drag runs the model once, not per frame. */
const CHALLENGE_SETTLE_MS = 120;

/**
 * One live demo: the runtime's side of the contract. It owns the root element (which
 * carries the testing attributes), the controls, the canvases, the clock subscription and
 * the error box; the demo's module supplies its model, picture and controls. Every
 * callback of the demo runs inside `guard`, so an error anywhere (a frame, a timer, an
 * event, a promise) puts this demo in its error box and nothing else stops.
 */
export class DemoHost implements ClockClient {
  readonly root: HTMLElement;
  state: Json | undefined;
  step = 0;
  backend: string = 'js';
  lastSnapshot: string | undefined;
  /** What the picture shows now, in words: the main canvas's text alternative (see describe.ts). */
  description: string;
  /** The description of the picture in lastSnapshot: the snapshot's alt text. */
  snapshotDescription: string;
  /** Draws since mount, counted by the clock: what the benchmark reports as redraws per second. */
  redraws = 0;
  /** Settles when the demo has mounted (or failed). */
  ready: Promise<void> = Promise.resolve();
  private parts: DemoParts<unknown, unknown> | undefined;
  private controls: BoundControl<unknown>[] = [];
  private canvases: DemoCanvas[] = [];
  /** Sizes the main canvas to the space below the controls as laid out; false while nothing can be measured. */
  private fitMain: () => boolean = () => true;
  private fitted = false;
  private readonly cleanups: (() => void)[] = [];
  private picture: { state: unknown; inputs: readonly unknown[] | undefined; value: unknown } | undefined;
  private changedAt = 0;
  private dirty = true;
  /** Work handed to `later` that has not settled: the picture may still change. */
  private pending = 0;
  private active = false;
  private disposed = false;
  private sinceReducedStep = 0;
  private readonly progressBar: HTMLElement;
  private readonly body: HTMLElement;
  private readonly canParse: (raw: unknown) => unknown | null;
  private readonly training = new DemoTraining();
  private module: DemoModule | undefined;
  private challengeBox: HTMLElement | undefined;
  private challengeTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly options: HostOptions) {
    this.state = options.state;
    this.description = options.spec.summary;
    this.snapshotDescription = options.spec.summary;
    const root = document.createElement('div');
    root.className = 'demo-root';
    root.dataset.demo = options.spec.name;
    root.dataset.demoId = options.id;
    root.dataset.demoRole = options.role;
    root.style.height = `${options.spec.height}px`;
    for (const type of STOPPED_KEY_EVENTS) root.addEventListener(type, (e) => keepKeyInDemo(e as KeyboardEvent));
    this.progressBar = document.createElement('div');
    this.progressBar.className = 'demo-progress';
    this.progressBar.hidden = true;
    this.body = document.createElement('div');
    this.body.className = 'demo-body';
    root.append(this.progressBar, this.body);
    this.root = root;
    const schema = options.spec.state(options.params);
    this.canParse = (raw) => check(schema, raw);
    this.setStatus('loading');
    this.setStep(options.step ?? 0);
  }

  get status(): DemoStatus {
    return (this.root.dataset.demoStatus as DemoStatus | undefined) ?? 'loading';
  }

  /** Loads the module (and TensorFlow.js if needed), builds controls and canvases, mounts. */
  async start(): Promise<void> {
    try {
      const { spec, role } = this.options;
      const [module] = await Promise.all([this.options.load(), loadCanvasFonts()]);
      let tf: Tf | undefined;
      if (spec.tfjs) {
        this.progress(0.1, 'loading TensorFlow.js');
        tf = await this.options.loadTf();
        this.backend = pageBackend()?.name ?? 'cpu';
        this.progress(null);
      }
      if (this.disposed) return;
      const restored = this.state === undefined ? null : this.admissible(this.canParse(this.state));
      let state: unknown = restored ?? spec.initialState(this.options.params);
      // A state that was kept (a bookmark, the other window, an earlier mount) and cannot be used is said, not silently dropped.
      const refused = this.state !== undefined && restored === null;
      if (refused) this.note(`The saved state of this demo could not be used (${this.stateProblem(this.state)}); it starts from its defaults.`);
      this.state = state as Json;

      const bar = controlBar(this.body);
      const stage = document.createElement('div');
      stage.className = 'demo-stage';
      this.body.append(stage);
      const width = Math.max(280, this.body.clientWidth || 840);
      // The bar's height is only known once its controls exist: the canvas is made lazily after them.
      let main: DemoCanvas | undefined;
      const makeMain = () => {
        if (main) return main;
        const barBottom = bar.offsetTop + bar.offsetHeight + (parseFloat(getComputedStyle(bar).marginBottom) || 0);
        // A demo that asks for its canvas inside setup does so before its controls exist, and a
        // demo mounted ahead sits on a hidden slide where nothing measures: one row of controls
        // is reserved either way, so the canvas never runs past the demo's box.
        const height = Math.max(120, (this.body.clientHeight || spec.height) - Math.max(barBottom, CONTROL_ROW_PX) - 2);
        stage.style.height = `${height}px`;
        main = demoCanvas(stage, width, height, spec.summary);
        this.canvases.unshift(main);
        return main;
      };
      const context: DemoSetup<ParamValues, unknown> = {
        params: this.options.params,
        role,
        reducedMotion: this.options.reducedMotion,
        tf,
        get canvas() {
          return makeMain();
        },
        layer: (rect, label) => {
          makeMain();
          const layer = stackCanvas(stage, rect, label);
          this.canvases.push(layer);
          return layer;
        },
        stage,
        state: () => state,
        update: (next) => {
          if (role !== 'driver' || this.disposed || next === state || !this.finite(next)) return;
          state = next;
          this.changed(next);
          this.commit();
        },
        listen: (target, type, handler) => {
          const wrapped = (e: Event) => this.guard(() => handler(e as never));
          target.addEventListener(type, wrapped);
          this.cleanups.push(() => target.removeEventListener(type, wrapped));
        },
        later: (promise, then) => {
          this.pending += 1;
          promise
            .then(
              (value) => {
                if (!this.disposed) this.guard(() => then(value));
              },
              (error: unknown) => {
                if (!this.disposed) this.fail(error);
              },
            )
            .finally(() => (this.pending -= 1));
        },
        redraw: () => {
          this.picture = undefined;
          this.requestDraw();
        },
        train: (job, onReport, signal) => {
          if (role !== 'driver') return Promise.resolve(null);
          return this.training.run(job, (report) => this.guard(() => onReport?.(report)), signal);
        },
        stopTraining: () => this.training.cancelAll(),
        note: (text) => this.note(text),
      };
      this.currentState = () => state;
      this.setCurrentState = (s) => {
        state = s;
      };
      const parts = await module.setup(context);
      if (this.disposed) {
        parts.dispose?.();
        return;
      }
      this.parts = parts;
      this.module = module;
      this.setStep(parts.step?.(state) ?? this.step);
      // The refused state leaves the runtime, the clone and the URL too.
      if (refused && role === 'driver') this.commit();
      this.controls = (parts.controls ?? []).map((c) => bindControl(c, () => state, (next) => context.update(next)));
      for (const c of this.controls) {
        bar.append(c.element);
        c.setDisabled(role !== 'driver');
      }
      if (role !== 'driver') this.root.title = 'Driven from the presenter window';
      makeMain();
      this.fitMain = () => {
        // Measurable only on a shown slide; a demo mounted ahead is fitted once its slide is painted.
        if (!main || this.body.clientHeight === 0) return false;
        const barBottom = bar.offsetTop + bar.offsetHeight + (parseFloat(getComputedStyle(bar).marginBottom) || 0);
        const height = Math.max(120, this.body.clientHeight - barBottom - 2);
        if (Math.abs(height - main.height) > 1) {
          resizeDemoCanvas(main, height);
          stage.style.height = `${height}px`;
          this.dirty = true;
        }
        return true;
      };
      this.fitted = this.fitMain();
      this.badge();
      this.showChallenges();
      this.changedAt = performance.now();
      this.drawNow();
      this.setStatus(this.active ? 'running' : 'paused');
      this.wake();
    } catch (error) {
      this.fail(error);
    }
  }

  private currentState: () => unknown = () => this.state;
  private setCurrentState: (s: unknown) => void = () => undefined;

  /** The slide holding this demo is shown. */
  show(): void {
    this.active = true;
    if (!this.parts) return;
    if (this.status !== 'error') this.setStatus('running');
    // The key's frame shows the picture drawn while mounted ahead; measuring, drawing and
    // animating wait until that frame is painted, so a demo never lengthens a slide change.
    afterPaint(() => {
      if (this.disposed || !this.active) return;
      if (!this.fitted) this.fitted = this.fitMain();
      this.wake();
    });
  }

  /** The slide is hidden: the clock stops calling this demo until it is shown again. */
  hide(): void {
    if (!this.active) return;
    this.active = false;
    unsubscribe(this);
    // Training belongs to the shown slide: its jobs end here, and the demo resumes from its committed state.
    this.training.cancelAll();
    if (!this.parts) return;
    // The snapshot (a PNG encode) is taken by the runtime after the next slide is painted.
    this.lastSnapshot = undefined;
    if (this.status !== 'error') this.setStatus('paused');
  }

  /** A state from the driver window or a bookmark; false (and nothing changed) when it does not fit this demo's schema or holds a number that is not finite. */
  applyState(state: Json, step: number): boolean {
    const parsed = this.canParse(state);
    // A state this demo cannot read (another version, a hostile window) must not replace the last good one.
    if (parsed === null) return false;
    if (this.parts && !this.finite(parsed)) return false;
    this.state = state;
    this.setStep(step);
    if (!this.parts) return true;
    this.setCurrentState(parsed);
    this.changed(parsed);
    // The picture changed while hidden: the next snapshot must be taken afresh.
    if (!this.active) this.lastSnapshot = undefined;
    return true;
  }

  /** A hidden demo's picture does not change, so its last snapshot stands; a shown one is taken now. */
  currentSnapshot(): string | undefined {
    return this.active || this.lastSnapshot === undefined ? this.takeSnapshot() : this.lastSnapshot;
  }

  /** All canvases composed into one PNG (layers in order). */
  takeSnapshot(): string | undefined {
    const base = this.canvases[0];
    if (!base || !this.parts) return this.lastSnapshot;
    try {
      if (this.dirty) this.drawNow();
      this.snapshotDescription = this.description;
      if (this.canvases.length === 1) {
        this.lastSnapshot = base.canvas.toDataURL('image/png');
      } else {
        const out = document.createElement('canvas');
        out.width = base.canvas.width;
        out.height = base.canvas.height;
        const ctx = out.getContext('2d');
        if (!ctx) return this.lastSnapshot;
        const scale = base.canvas.width / base.width;
        for (const c of this.canvases) ctx.drawImage(c.canvas, (c.offsetX ?? 0) * scale, (c.offsetY ?? 0) * scale);
        this.lastSnapshot = out.toDataURL('image/png');
      }
    } catch {
      // A demo that cannot draw a snapshot keeps its previous one.
    }
    return this.lastSnapshot;
  }

  dispose(): void {
    if (this.disposed) return;
    if (this.parts) this.takeSnapshot();
    this.disposed = true;
    this.active = false;
    clearTimeout(this.challengeTimer);
    unsubscribe(this);
    this.release();
    this.root.remove();
  }

  /** Drawn and not moving: the moment two windows' pictures can be compared. */
  atRest(): boolean {
    return this.parts !== undefined && this.pending === 0 && !this.dirty && !this.isMoving(this.currentState());
  }

  isTfjs(): boolean {
    return this.options.spec.tfjs;
  }

  /** The clock's frame: tick the animation (driver), then draw. */
  frame(_now: number, dt: number): void {
    const parts = this.parts;
    if (!parts || !this.active || this.disposed) {
      unsubscribe(this);
      return;
    }
    this.guard(() => {
      let state = this.currentState();
      if (parts.tick && this.options.role === 'driver' && this.isMoving(state)) {
        let elapsed = dt;
        if (this.options.reducedMotion) {
          this.sinceReducedStep += dt;
          elapsed = this.sinceReducedStep >= REDUCED_MOTION_STEP_MS ? REDUCED_MOTION_STEP_MS : 0;
          if (elapsed > 0) this.sinceReducedStep = 0;
        }
        const next = elapsed > 0 ? parts.tick(state, elapsed) : state;
        if (next !== state && !this.finite(next)) return;
        if (next !== state) {
          state = next;
          this.setCurrentState(next);
          this.changed(next);
          this.commit();
        }
      }
      if (this.dirty || (!this.options.reducedMotion && this.isMoving(state))) this.drawNow();
      if (!this.isMoving(state) && !this.dirty) unsubscribe(this);
    });
  }

  private isMoving(state: unknown): boolean {
    return this.parts?.moving?.(state, performance.now() - this.changedAt) ?? false;
  }

  private changed(state: unknown): void {
    this.changedAt = performance.now();
    this.sinceReducedStep = 0;
    for (const c of this.controls) c.sync(state);
    this.requestDraw();
    this.scheduleChallengeCheck();
  }

  /** Two slides can share one demo (one `id:`) and show different challenges: the one it moves to decides. */
  setChallenges(ids: readonly string[]): void {
    const current = this.options.challenges ?? [];
    if (current.join(',') === ids.join(',')) return;
    this.options.challenges = ids;
    this.challengeBox?.remove();
    this.challengeBox = undefined;
    this.showChallenges();
  }

  /** The challenges this placement shows, as lines just under the demo: the goal, and whether the state meets it. */
  private showChallenges(): void {
    const ids = this.options.challenges ?? [];
    if (ids.length === 0 || !this.module) return;
    const box = document.createElement('div');
    box.className = 'demo-challenge';
    for (const id of ids) {
      const line = document.createElement('div');
      line.className = 'demo-challenge-line';
      line.dataset.challenge = id;
      const goal = document.createElement('span');
      goal.className = 'demo-challenge-goal';
      goal.textContent = `Challenge: ${this.options.spec.challenges?.[id] ?? id}`;
      const status = document.createElement('span');
      status.className = 'demo-challenge-status';
      status.setAttribute('role', 'status');
      line.append(goal, status);
      box.append(line);
    }
    this.challengeBox = box;
    this.root.append(box);
    // A check can cost what the demo's derive costs (it measures the state), and this runs on a
    // slide change's key press: the check waits until the new slide's frame is painted.
    clearTimeout(this.challengeTimer);
    afterPaint(() => {
      if (this.challengeBox === box) this.checkChallenges();
    });
  }

  private scheduleChallengeCheck(): void {
    if (!this.challengeBox) return;
    clearTimeout(this.challengeTimer);
    this.challengeTimer = setTimeout(() => this.checkChallenges(), CHALLENGE_SETTLE_MS);
  }

  /** Runs each shown challenge's check on the current state; met ones are reported (driver) and marked in place. */
  private checkChallenges(): void {
    const box = this.challengeBox;
    const checks = this.module?.challenges;
    if (!box || !checks || this.disposed || !this.parts) return;
    this.guard(() => {
      const state = this.currentState();
      for (const line of box.querySelectorAll<HTMLElement>('.demo-challenge-line')) {
        const id = line.dataset.challenge ?? '';
        const check = checks[id];
        if (!check) throw new Error(`challenge "${id}" has no check in demos/${this.options.spec.name}`);
        const met = check(state, this.options.params);
        if (met && this.options.role === 'driver') this.options.onChallengeMet?.(id);
        const before = this.options.metBefore?.(id) ?? false;
        line.dataset.challengeMet = met ? 'now' : before ? 'before' : 'no';
        const status = line.querySelector('.demo-challenge-status');
        if (status) status.textContent = met ? '✓ met' : before ? '✓ met before; not by this state' : 'not yet';
      }
    });
  }

  private requestDraw(): void {
    this.dirty = true;
    this.wake();
  }

  /** Subscribes to the clock when there is something to draw or animate on a shown slide. */
  private wake(): void {
    if (!this.parts || !this.active || this.disposed || this.status === 'error') return;
    if (this.dirty || this.isMoving(this.currentState())) subscribe(this);
  }

  private drawNow(): void {
    const parts = this.parts;
    if (!parts) return;
    this.guard(() => {
      const state = this.currentState();
      const kept = this.picture;
      const inputs = parts.deriveFrom?.(state);
      const picture = kept !== undefined && (kept.state === state || sameInputs(kept.inputs, inputs)) ? { ...kept, state } : { state, inputs, value: parts.derive(state) };
      this.picture = picture;
      // The headline numbers are read before drawing: a picture of a diverged model is never drawn.
      const metric = parts.metric?.(state, picture.value);
      if (metric && !this.finite(metric, 'metric ')) return;
      const since = this.options.reducedMotion ? Infinity : performance.now() - this.changedAt;
      parts.draw(picture.value, { state, since });
      this.redraws += 1;
      this.dirty = false;
      if (metric) this.root.dataset.demoMetric = JSON.stringify(metric);
      this.describe(metric, state);
    });
  }

  /** The main canvas's text alternative follows the state; written only when the words change. */
  private describe(metric: Record<string, Json> | undefined, state: unknown): void {
    const text = describeDemo(this.options.spec.summary, metric, state);
    if (text === this.description) return;
    this.description = text;
    this.canvases[0]?.canvas.setAttribute('aria-label', text);
  }

  private commit(): void {
    if (this.disposed) return;
    const state = this.currentState() as Json;
    this.state = state;
    const step = this.parts?.step?.(state) ?? this.step + 1;
    this.setStep(step);
    this.options.onCommit(this.options.id, state, this.step);
  }

  private badge(): void {
    if (!this.options.spec.tfjs) return;
    const backend = pageBackend();
    const badge = document.createElement('span');
    badge.className = 'demo-badge';
    badge.textContent = `tfjs · ${this.backend}`;
    if (backend) badge.title = backend.reason;
    this.root.append(badge);
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

  /**
   * Whether a state (or metric) holds only finite numbers. One that does not means the model
   * diverged: the demo stops there, in its error box, and keeps its last good state.
   */
  private finite(value: unknown, label = ''): boolean {
    const path = nonFinitePath(value);
    if (path === null) return true;
    this.fail(new TrainingDiverged(this.step, `${label}${path} is ${describeNonFinite(value, path)}`));
    return false;
  }

  /** The state if it holds only finite numbers, else null (a bookmark with an overflowed weight). */
  private admissible(state: unknown): unknown {
    return state !== null && nonFinitePath(state) === null ? state : null;
  }

  /** Why a kept state was refused, in a few words. */
  private stateProblem(state: unknown): string {
    if (this.canParse(state) === null) return 'it does not fit this demo';
    const path = nonFinitePath(state);
    return path === null ? 'unknown problem' : `${path} is ${describeNonFinite(state, path)}`;
  }

  /** Follower: the presenter's demo stopped (the message) or runs again (null); this window keeps its last picture. */
  presenterNote(text: string | null): void {
    if (text === null) this.root.querySelector(':scope > .demo-note')?.remove();
    else this.note(`In the presenter window: ${text}`);
  }

  /** A line in the demo's box, over the foot of its picture: something the viewer should know happened. */
  note(text: string): void {
    let line = this.root.querySelector<HTMLElement>(':scope > .demo-note');
    if (!line) {
      line = document.createElement('div');
      line.className = 'demo-note';
      line.setAttribute('role', 'status');
      const close = document.createElement('button');
      close.type = 'button';
      close.className = 'demo-note-close';
      close.textContent = '×';
      close.title = 'Dismiss';
      close.setAttribute('aria-label', 'Dismiss this note');
      close.addEventListener('click', () => line?.remove());
      const span = document.createElement('span');
      line.append(span, close);
      this.root.prepend(line);
    }
    const span = line.querySelector('span');
    if (span) span.textContent = text;
  }

  private guard(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.fail(error);
    }
  }

  /** Frees the module's resources and every listener the runtime registered for it. */
  private release(): void {
    const parts = this.parts;
    this.parts = undefined;
    this.training.cancelAll();
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    try {
      parts?.dispose?.();
    } catch (error) {
      console.error(`demo ${this.options.id}: dispose failed`, error);
    }
  }

  /**
   * The demo's error stays inside its own box; the deck and other demos go on. The box says
   * what happened and, in the driving window, offers to start again from the last committed
   * state or from the defaults (the runtime keeps the state either way).
   */
  fail(error: unknown): void {
    if (this.status === 'error' || this.disposed) return;
    const message = error instanceof Error ? error.message : String(error);
    const diverged = error instanceof TrainingDiverged;
    // Divergence is the model's behaviour, not a bug of the page: a warning, not an error.
    if (diverged) console.warn(`demo ${this.options.id}: ${message}`);
    else console.error(`demo ${this.options.id} failed:`, error);
    unsubscribe(this);
    this.setStatus('error');
    this.progress(null);
    const box = document.createElement('div');
    box.className = 'demo-error';
    box.setAttribute('role', 'alert');
    if (diverged) box.dataset.diverged = String(error.step);
    const text = document.createElement('p');
    text.className = 'demo-error-text';
    text.textContent = diverged
      ? `${this.options.id}: ${message}. Training stopped; the demo keeps its state from step ${this.step}.`
      : `${this.options.id}: demo "${this.options.spec.name}" failed: ${message}`;
    box.append(text);
    if (this.options.role === 'driver') this.options.onFail?.(this.options.id, text.textContent ?? '');
    const restart = this.options.onRestart;
    if (restart && this.options.role === 'driver') {
      const actions = document.createElement('p');
      actions.className = 'demo-error-actions';
      const button = (label: string, title: string, from: 'kept' | 'initial') => {
        const b = document.createElement('button');
        b.type = 'button';
        b.className = 'demo-button';
        b.textContent = label;
        b.title = title;
        b.addEventListener('click', () => restart(this.options.id, from));
        return b;
      };
      actions.append(
        button(this.step > 0 ? `restart from step ${this.step}` : 'restart', 'Mount the demo again from the state it kept', 'kept'),
        ' ',
        button('reset', 'Start the demo again from its defaults', 'initial'),
      );
      box.append(actions);
    }
    this.body.replaceChildren(box);
    this.release();
  }
}

/** Whether derive's inputs are unchanged; without declared inputs every new state derives again. */
function sameInputs(a: readonly unknown[] | undefined, b: readonly unknown[] | undefined): boolean {
  return a !== undefined && b !== undefined && a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

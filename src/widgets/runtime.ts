import type { DemoRole, Json } from './contract.ts';
import { DemoHost } from './demo-host.ts';
import { demoSpec, loadDemo } from './registry.ts';
import type { ParamValues } from './schema.ts';
import { openSyncChannel, type SyncChannel } from './sync.ts';
import { loadTf, loseWebglContextForTesting, onBackendChange, onBackendLosing, onBackendLost, pageBackend, tfLoaded } from './tf-loader.ts';
import { injectTrainingFault, liveTrainingWorkers } from './training-jobs.ts';
import { urlStateProblem, writeStatesToLocation } from './url-state.ts';
import { showPageNotice } from './page-notice.ts';
import { afterPaint } from './after-paint.ts';
import { quietTraining } from '../training/quiet.ts';

/** Where met challenges are kept (the student's progress), keyed by demo id and challenge id. */
export interface ChallengeRecord {
  metBefore(demoId: string, challengeId: string): boolean;
  recordMet(demoId: string, challengeId: string): void;
}

/** What the runtime needs from the slide deck; src/deck/remark.ts provides it. */
export interface DeckView {
  slideElements(): HTMLElement[];
  previewArea(): HTMLElement | null;
  currentIndex(): number;
  onShow(handler: (index: number) => void): void;
  onPresenterToggle(handler: () => void): void;
  pairedWindow(): Window | null;
  /** Driver: take a clone that said hello as the paired window (after this window was reloaded). */
  adoptPairedWindow(win: Window): void;
  readonly role: DemoRole;
}

const HOST = '.demo-host';
const URL_WRITE_DELAY_MS = 250;
/** How long training pauses for a slide change: its frame, the next slide's mount and snapshots. */
const SLIDE_CHANGE_QUIET_MS = 250;
/** Sync lags a follower keeps for measuring (the benchmark reads the last 200). */
const SYNC_LAGS_KEPT = 1000;

/**
 * Mounts the live demos of the visible slide, pauses them when it is hidden, frees them
 * when the lecture moves on, keeps their state across mounts, mirrors it to the cloned
 * window and the URL, and shows snapshots where a live demo cannot be: the presenter's
 * next-slide preview, hidden `--` steps and print.
 */
export class DemoRuntime {
  private readonly mounted = new Map<string, DemoHost>();
  private readonly states = new Map<string, { state: Json; step: number }>();
  private readonly snapshots = new Map<string, string>();
  /** Each kept snapshot's alt text: what its demo showed when it was taken. */
  private readonly snapshotAlts = new Map<string, string>();
  /** Why a demo stopped: the driver's own failures (sent to the clone), or in the clone those it was sent. */
  private readonly notes = new Map<string, string>();
  private readonly sync: SyncChannel;
  private readonly reducedMotion: boolean;
  private urlTimer: ReturnType<typeof setTimeout> | undefined;
  private generation = 0;
  /** Milliseconds between a state leaving the driver and the follower applying it (follower only): the latest SYNC_LAGS_KEPT, so an hour's lecture does not grow it. */
  readonly syncLags: number[] = [];

  /** `urlStates`: the states a bookmark carried (see url-state.ts), taken out before remark read the hash. */
  constructor(
    private readonly deck: DeckView,
    urlStates: Record<string, Json> = {},
    private readonly record?: ChallengeRecord,
  ) {
    this.reducedMotion = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    for (const [id, state] of Object.entries(urlStates)) this.states.set(id, { state, step: 0 });
    this.sync = openSyncChannel({
      role: deck.role,
      pairedWindow: () => deck.pairedWindow(),
      adopt: (win) => deck.adoptPairedWindow(win),
      onState: (id, state, step, sentAt) => {
        this.syncLags.push(Date.now() - sentAt);
        if (this.syncLags.length > SYNC_LAGS_KEPT) this.syncLags.splice(0, this.syncLags.length - SYNC_LAGS_KEPT);
        const demo = this.mounted.get(id);
        if (demo && !demo.applyState(state, step)) return;
        this.states.set(id, { state, step });
      },
      onHello: () => {
        for (const [id, { state, step }] of this.states) this.sync.sendState(id, state, step);
        for (const [id, text] of this.notes) this.sync.sendNote(id, text);
      },
      onNote: (id, text) => {
        if (text === null) this.notes.delete(id);
        else this.notes.set(id, text);
        this.mounted.get(id)?.presenterNote(text);
      },
      onPaired: (paired) => showWaitingMark(!paired),
    });
    // The TensorFlow.js demos stop at once (keeping their states) and mount again on the next backend.
    onBackendLosing(() => this.unmountTfjsDemos());
    onBackendLost((lost) => {
      this.showSlide(this.deck.currentIndex());
      const now = pageBackendName();
      showPageNotice('backend', `${lost === 'webgl' ? 'WebGL lost its context' : `${lost} stopped`}: the demos go on with TensorFlow.js on ${now ?? 'the next backend'}, from their last state.`);
    });
    const problem = urlStateProblem();
    if (problem) showPageNotice('url-state', `This link's demo state could not be read: ${problem}. The demos start from their defaults.`);
    onBackendChange((backend) => {
      showBackendInHelp(`TensorFlow.js backend: ${backend.name} (${backend.reason})`);
      if (backend.fallback) showPageNotice('backend', `TensorFlow.js runs on ${backend.name} instead: ${backend.fallback}.`);
    });
    deck.onShow((index) => this.showSlide(index));
    // A key press outside a demo may change the slide: training steps aside for its frames.
    window.addEventListener('keydown', (e) => e.target instanceof Element && e.target.closest('.demo-root') === null && quietTraining(SLIDE_CHANGE_QUIET_MS), { capture: true });
    window.addEventListener('hashchange', () => quietTraining(SLIDE_CHANGE_QUIET_MS), { capture: true });
    deck.onPresenterToggle(() => this.refreshPreview());
    window.addEventListener('beforeprint', () => this.fillHostsWithSnapshots());
  }

  /** Call once after the deck has shown its first slide. */
  start(): void {
    this.showSlide(this.deck.currentIndex());
  }

  /** The slides were rebuilt (a slide file saved in dev): demos restart from their states. */
  reload(): void {
    for (const id of [...this.mounted.keys()]) {
      const demo = this.mounted.get(id);
      if (demo?.state !== undefined) this.states.set(id, { state: demo.state, step: demo.step });
      demo?.dispose();
      this.mounted.delete(id);
    }
    this.showSlide(this.deck.currentIndex());
  }

  /** Live tensors, or null before TensorFlow.js has loaded: for checking that demos free their memory. */
  async tfMemory(): Promise<number | null> {
    if (!tfLoaded()) return null;
    return (await loadTf()).memory().numTensors;
  }

  /** Loses the WebGL context as a GPU reset would; the demos must carry on on the next backend. */
  async loseWebglContext(): Promise<boolean> {
    if (!tfLoaded()) return false;
    return loseWebglContextForTesting(await loadTf());
  }

  /**
   * Fault injection for tests and for showing what the deck does: 'diverge' makes the next
   * training job read a NaN loss from its third step on; 'crash' makes the training workers
   * alive now fail as an uncaught exception would.
   */
  injectTrainingFault(kind: 'diverge' | 'crash'): Promise<void> {
    return injectTrainingFault(kind);
  }

  /** Training workers still alive (0 when no demo trains): for checking that jobs end with their slide. */
  trainingWorkers(): Promise<number> {
    return liveTrainingWorkers();
  }

  /** Mounted demos by id, for scripting and tests. */
  demos(): ReadonlyMap<string, DemoHost> {
    return this.mounted;
  }

  /**
   * On the key's frame: hide what is no longer shown (the clock stops calling it) and
   * show the new slide's demos (mounted ahead, they only resume). Everything else waits
   * until that frame is painted.
   */
  private showSlide(index: number): void {
    const generation = ++this.generation;
    const slides = this.deck.slideElements();
    const slide = slides[index];
    if (!slide) return;
    const hosts = [...slide.querySelectorAll<HTMLElement>(HOST)];
    const shownIds = new Set(hosts.map((h) => h.dataset.demoId ?? ''));
    const hidden: string[] = [];
    for (const [id, demo] of this.mounted) {
      if (shownIds.has(id)) continue;
      demo.hide();
      hidden.push(id);
    }
    for (const host of hosts) this.mountInto(host);
    afterPaint(() => {
      if (generation !== this.generation) return;
      for (const id of hidden) {
        const demo = this.mounted.get(id);
        if (!demo) continue;
        const snapshot = demo.takeSnapshot();
        if (snapshot) this.keepSnapshot(id, snapshot, demo);
        if (!this.isNear(id, index, slides)) this.dispose(id);
        else this.fillHosts(id);
      }
      this.premount(slides[index + 1]);
      this.refreshPreview();
      this.writeUrlSoon();
    });
  }

  /**
   * The next slide's demos mount ahead, paused, while the current slide is talked through:
   * showing that slide is then instant, and the presenter's preview has a real snapshot.
   * The hidden slide is laid out (invisibly) while they mount, so they measure their size.
   */
  private premount(next: HTMLElement | undefined): void {
    if (!next) return;
    const pending: Promise<void>[] = [];
    for (const host of next.querySelectorAll<HTMLElement>(HOST)) {
      const id = host.dataset.demoId ?? '';
      if (this.mounted.has(id)) continue;
      const demo = this.create(host);
      if (!demo) continue;
      pending.push(demo.ready);
    }
    if (pending.length === 0) return;
    next.classList.add('deck-premount');
    void Promise.all(pending).then(() => {
      next.classList.remove('deck-premount');
      this.refreshPreview();
    });
  }

  private create(host: HTMLElement): DemoHost | undefined {
    const id = host.dataset.demoId;
    const name = host.dataset.demo;
    if (!id || !name) return undefined;
    const spec = demoSpec(name);
    if (!spec) {
      host.replaceChildren(errorBox(`${id}: unknown demo "${name}"`));
      return undefined;
    }
    const saved = this.states.get(id);
    // A demo mounted afresh in the driver runs again: the clone drops the note of its last failure.
    if (this.deck.role === 'driver' && this.notes.delete(id)) this.sync.sendNote(id, null);
    const demo = new DemoHost({
      id,
      spec,
      params: JSON.parse(host.dataset.demoParams ?? '{}') as ParamValues,
      role: this.deck.role,
      reducedMotion: this.reducedMotion,
      load: () => loadDemo(name),
      loadTf,
      state: saved?.state,
      step: saved?.step ?? 0,
      onCommit: (demoId, state, step) => this.onCommit(demoId, state, step),
      challenges: challengesOf(host),
      metBefore: (challengeId) => this.record?.metBefore(id, challengeId) ?? false,
      onChallengeMet: (challengeId) => this.record?.recordMet(id, challengeId),
      onFail: (demoId, text) => {
        this.notes.set(demoId, text);
        this.sync.sendNote(demoId, text);
      },
      onRestart: (demoId, from) => this.restart(demoId, from, spec.initialState(JSON.parse(host.dataset.demoParams ?? '{}') as ParamValues) as Json),
    });
    this.mounted.set(id, demo);
    host.replaceChildren(demo.root);
    demo.ready = demo.start().then(() => {
      const latest = this.states.get(id);
      if (latest && this.deck.role === 'follower') demo.applyState(latest.state, latest.step);
      const note = this.notes.get(id);
      if (note !== undefined && this.deck.role === 'follower') demo.presenterNote(note);
    });
    return demo;
  }

  private mountInto(host: HTMLElement): void {
    const id = host.dataset.demoId;
    const name = host.dataset.demo;
    if (!id || !name) return;
    let demo = this.mounted.get(id);
    if (!demo) {
      demo = this.create(host);
      demo?.show();
      return;
    }
    if (demo.root.parentElement !== host) host.replaceChildren(demo.root);
    demo.setChallenges(challengesOf(host));
    demo.show();
    afterPaint(() => this.fillHosts(id));
  }

  private onCommit(id: string, state: Json, step: number): void {
    this.states.set(id, { state, step });
    this.sync.sendState(id, state, step);
    this.writeUrlSoon();
  }

  /** A slide within one step of the current one keeps its demos mounted (paused), so going back is instant. */
  private isNear(id: string, index: number, slides: HTMLElement[]): boolean {
    for (const i of [index - 1, index, index + 1]) {
      if (slides[i]?.querySelector(`${HOST}[data-demo-id="${CSS.escape(id)}"]`)) return true;
    }
    return false;
  }

  private dispose(id: string): void {
    const demo = this.mounted.get(id);
    if (!demo) return;
    demo.dispose();
    if (demo.lastSnapshot) this.keepSnapshot(id, demo.lastSnapshot, demo);
    this.mounted.delete(id);
    this.fillHosts(id);
  }

  /** Every copy of the demo's host that does not hold the live root shows its snapshot. */
  private fillHosts(id: string, scope: ParentNode = document): void {
    const live = this.mounted.get(id)?.root;
    for (const host of scope.querySelectorAll<HTMLElement>(`${HOST}[data-demo-id="${CSS.escape(id)}"]`)) {
      if (live && live.parentElement === host) continue;
      const demo = this.mounted.get(id);
      const snapshot = this.snapshots.get(id) ?? demo?.lastSnapshot;
      if (snapshot) showSnapshot(host, snapshot, this.snapshotAlts.get(id) ?? demo?.snapshotDescription);
    }
  }

  private fillHostsWithSnapshots(): void {
    for (const demo of this.mounted.values()) {
      const s = demo.takeSnapshot();
      if (s) this.keepSnapshot(demo.root.dataset.demoId ?? '', s, demo);
    }
    const ids = new Set([...document.querySelectorAll<HTMLElement>(HOST)].map((h) => h.dataset.demoId ?? ''));
    for (const id of ids) this.fillHosts(id);
  }

  /** remark's preview is a dead copy of the next slide; its demo hosts get the last snapshot. */
  private refreshPreview(): void {
    const preview = this.deck.previewArea();
    // Encoding a snapshot costs milliseconds; the preview is only seen in presenter mode.
    if (!preview || !document.querySelector('.remark-presenter-mode')) return;
    for (const host of preview.querySelectorAll<HTMLElement>(HOST)) {
      const id = host.dataset.demoId ?? '';
      const demo = this.mounted.get(id);
      const snapshot = demo?.currentSnapshot() ?? this.snapshots.get(id);
      if (snapshot) showSnapshot(host, snapshot, demo?.snapshotDescription ?? this.snapshotAlts.get(id));
    }
  }

  private keepSnapshot(id: string, snapshot: string, demo: DemoHost): void {
    this.snapshots.set(id, snapshot);
    this.snapshotAlts.set(id, demo.snapshotDescription);
  }

  private writeUrlSoon(): void {
    if (this.deck.role !== 'driver') return;
    clearTimeout(this.urlTimer);
    this.urlTimer = setTimeout(() => {
      const slide = this.deck.slideElements()[this.deck.currentIndex()];
      const states: Record<string, Json> = {};
      for (const host of slide?.querySelectorAll<HTMLElement>(HOST) ?? []) {
        const id = host.dataset.demoId ?? '';
        const s = this.states.get(id);
        if (s) states[id] = s.state;
      }
      writeStatesToLocation(states);
    }, URL_WRITE_DELAY_MS);
  }

  /**
   * The error box's buttons: the demo is mounted again, from the state it kept (its last
   * committed one) or from its defaults, which the clone and the URL then follow too.
   */
  private restart(id: string, from: 'kept' | 'initial', initial: Json): void {
    const demo = this.mounted.get(id);
    if (!demo) return;
    const host = demo.root.parentElement;
    this.notes.delete(id);
    this.sync.sendNote(id, null);
    if (from === 'initial') {
      this.states.set(id, { state: initial, step: 0 });
      this.sync.sendState(id, initial, 0);
      this.writeUrlSoon();
    }
    // 'kept': the runtime's copy is the last committed state, from before the failure.
    demo.dispose();
    this.mounted.delete(id);
    if (host) this.mountInto(host);
  }

  /**
   * A lost WebGL context: the TensorFlow.js demos are freed at once, before anything runs on
   * the lost context or on the next backend while it starts, and mounted again (from their
   * last state) once it runs.
   */
  private unmountTfjsDemos(): void {
    for (const [id, demo] of [...this.mounted]) {
      if (!demo.isTfjs()) continue;
      if (demo.state !== undefined) this.states.set(id, { state: demo.state, step: demo.step });
      this.dispose(id);
    }
  }
}

function pageBackendName(): string | null {
  return pageBackend()?.name ?? null;
}

/** The challenges a placement shows (its fence's `challenge:` line). */
function challengesOf(host: HTMLElement): string[] {
  return host.dataset.demoChallenge?.split(',').filter(Boolean) ?? [];
}

/** A demo's picture where the live demo is not: a hidden step, the preview, print. */
function showSnapshot(host: HTMLElement, src: string, description: string | undefined): void {
  const existing = host.firstElementChild;
  const alt = `Snapshot of the ${host.dataset.demo ?? ''} demo: ${description ?? demoSpec(host.dataset.demo ?? '')?.summary ?? ''}`;
  if (existing instanceof HTMLImageElement && existing.src === src) {
    existing.alt = alt;
    return;
  }
  const img = document.createElement('img');
  img.className = 'demo-snapshot';
  img.alt = alt;
  img.src = src;
  host.replaceChildren(img);
}

function errorBox(text: string): HTMLElement {
  const box = document.createElement('div');
  box.className = 'demo-error';
  box.setAttribute('role', 'alert');
  box.textContent = text;
  return box;
}

/** The clone's mark while no presenter window answers. */
function showWaitingMark(waiting: boolean): void {
  let mark = document.querySelector<HTMLElement>('.deck-sync-waiting');
  if (!waiting) {
    mark?.remove();
    return;
  }
  if (mark) return;
  mark = document.createElement('div');
  mark.className = 'deck-sync-waiting';
  mark.setAttribute('role', 'status');
  mark.textContent = 'waiting for the presenter window…';
  document.body.append(mark);
}

/** One line in remark's help overlay (H or ?) says which backend the page's demos run on, and why. */
function showBackendInHelp(text: string): void {
  const help = document.querySelector('.remark-help-content');
  if (!help) return;
  let line = help.querySelector<HTMLElement>('.deck-backend-badge');
  if (!line) {
    line = document.createElement('p');
    line.className = 'deck-backend-badge';
    help.append(line);
  }
  line.textContent = text;
}

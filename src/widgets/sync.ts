import type { Json } from './contract.ts';

/**
 * Demo state between the presenter's window and the cloned projector view.
 *
 * State transfer, not replay: the driver sends each demo's small JSON state after every
 * change and the follower draws it. Replaying seed plus actions would ask the follower to
 * redo every training step and to agree with the driver on timing; state transfer keeps
 * the projector exactly one message behind, whatever the backend of either window, and a
 * clone opened late catches up from one message.
 *
 * Pairing survives reloads. The follower says hello until the driver answers, and the
 * driver sends a heartbeat; a follower that hears nothing for a while shows that it is
 * waiting and says hello again. A driver that was reloaded has lost the window it opened,
 * so it adopts the clone that says hello to it (remark then sends that window its slide
 * changes too).
 *
 * Messages are namespaced and versioned and are accepted only from the paired window (the
 * clone, or the window that opened this clone). Only the driver sends state and only the
 * follower applies it, so messages cannot loop.
 */
export const SYNC_NAMESPACE = 'rnn-deck/demo';
export const SYNC_VERSION = 2;
export const HELLO_RETRY_MS = 1000;
export const HEARTBEAT_MS = 2000;
/** A follower that hears nothing for this long considers itself unpaired. */
export const SILENCE_MS = 5000;

type Envelope = { ns: typeof SYNC_NAMESPACE; v: typeof SYNC_VERSION };
export type SyncMessage =
  | (Envelope & { type: 'state'; id: string; state: Json; step: number; sentAt: number })
  | (Envelope & { type: 'hello' })
  | (Envelope & { type: 'beat' })
  /** A demo of the driver stopped (diverged, failed) and says why; null: it runs again. */
  | (Envelope & { type: 'note'; id: string; text: string | null });

export function isSyncMessage(data: unknown): data is SyncMessage {
  if (typeof data !== 'object' || data === null) return false;
  const m = data as Record<string, unknown>;
  if (m.ns !== SYNC_NAMESPACE || m.v !== SYNC_VERSION) return false;
  if (m.type === 'hello' || m.type === 'beat') return true;
  if (m.type === 'note') return typeof m.id === 'string' && (m.text === null || (typeof m.text === 'string' && m.text.length <= 2000));
  return m.type === 'state' && typeof m.id === 'string' && typeof m.step === 'number' && Number.isFinite(m.step) && typeof m.sentAt === 'number' && 'state' in m;
}

/** file:// pages have the opaque origin "null", which postMessage cannot target by name. */
function targetOrigin(): string {
  return location.protocol === 'file:' ? '*' : location.origin;
}

const envelope = { ns: SYNC_NAMESPACE, v: SYNC_VERSION } as const;

export interface SyncChannel {
  sendState(id: string, state: Json, step: number): void;
  sendNote(id: string, text: string | null): void;
  close(): void;
}

export interface SyncOptions {
  role: 'driver' | 'follower';
  pairedWindow: () => Window | null;
  /** Driver: a clone said hello but this window holds no clone (it was reloaded): take it as the paired window. */
  adopt?: (win: Window) => void;
  onState: (id: string, state: Json, step: number, sentAt: number) => void;
  /** Follower: the driver's demo stopped and says why (null: it runs again). */
  onNote?: (id: string, text: string | null) => void;
  /** Driver: the follower (re)joined; send it everything. */
  onHello: () => void;
  /** Follower: whether a driver is heard. */
  onPaired?: (paired: boolean) => void;
}

export function openSyncChannel(options: SyncOptions): SyncChannel {
  const lastSent = new Map<string, string>();
  let lastHeard = 0;
  let paired: boolean | null = null;
  const post = (win: Window | null, msg: SyncMessage) => {
    if (win && !win.closed) win.postMessage(msg, targetOrigin());
  };
  const setPaired = (now: boolean) => {
    if (paired === now) return;
    paired = now;
    options.onPaired?.(now);
  };

  const listener = (event: MessageEvent) => {
    if (!isSyncMessage(event.data)) return;
    if (location.protocol !== 'file:' && event.origin !== location.origin) return;
    const msg = event.data;
    const source = event.source as Window | null;
    let partner = options.pairedWindow();
    if (options.role === 'driver' && msg.type === 'hello' && source && (!partner || partner.closed)) {
      options.adopt?.(source);
      partner = options.pairedWindow();
    }
    if (!partner || source !== partner) return;
    if (options.role === 'driver') {
      if (msg.type !== 'hello') return;
      lastSent.clear();
      post(partner, { ...envelope, type: 'beat' });
      options.onHello();
      return;
    }
    lastHeard = Date.now();
    setPaired(true);
    if (msg.type === 'state') options.onState(msg.id, msg.state, msg.step, msg.sentAt);
    else if (msg.type === 'note') options.onNote?.(msg.id, msg.text);
  };
  window.addEventListener('message', listener);

  const timer = setInterval(
    () => {
      if (options.role === 'driver') {
        post(options.pairedWindow(), { ...envelope, type: 'beat' });
        return;
      }
      if (Date.now() - lastHeard > SILENCE_MS) {
        setPaired(false);
        post(options.pairedWindow(), { ...envelope, type: 'hello' });
      }
    },
    options.role === 'driver' ? HEARTBEAT_MS : HELLO_RETRY_MS,
  );
  if (options.role === 'follower') {
    setPaired(false);
    post(options.pairedWindow(), { ...envelope, type: 'hello' });
  }

  return {
    sendState(id, state, step) {
      if (options.role !== 'driver') return;
      const partner = options.pairedWindow();
      if (!partner || partner.closed) return;
      const key = JSON.stringify([state, step]);
      if (lastSent.get(id) === key) return;
      lastSent.set(id, key);
      post(partner, { ...envelope, type: 'state', id, state, step, sentAt: Date.now() });
    },
    sendNote(id, text) {
      if (options.role !== 'driver') return;
      post(options.pairedWindow(), { ...envelope, type: 'note', id, text });
    },
    close() {
      clearInterval(timer);
      window.removeEventListener('message', listener);
    },
  };
}

import type { Json } from './contract.ts';

/**
 * Demo state between the presenter's window and the cloned projector view.
 *
 * State transfer, not replay: the driver sends each demo's small JSON state after every
 * change and the follower draws it. Replaying seed plus actions would ask the follower to
 * redo every training step and to agree with the driver on timing; state transfer keeps
 * the projector exactly one message behind, whatever the backend of either window, and a
 * clone opened late catches up from one message. Demo states are kept small (settings,
 * seed, counters) and each demo recomputes its picture from them.
 *
 * Messages are namespaced and versioned and are accepted only from the paired window
 * (the clone remark opened, or the window that opened this clone). Only the driver sends
 * state and only the follower applies it, so messages cannot loop.
 */
export const SYNC_NAMESPACE = 'rnn-deck/demo';
export const SYNC_VERSION = 1;

export type SyncMessage =
  | { ns: typeof SYNC_NAMESPACE; v: typeof SYNC_VERSION; type: 'state'; id: string; state: Json; step: number; sentAt: number }
  | { ns: typeof SYNC_NAMESPACE; v: typeof SYNC_VERSION; type: 'hello' };

export function isSyncMessage(data: unknown): data is SyncMessage {
  if (typeof data !== 'object' || data === null) return false;
  const m = data as Record<string, unknown>;
  if (m.ns !== SYNC_NAMESPACE || m.v !== SYNC_VERSION) return false;
  if (m.type === 'hello') return true;
  return m.type === 'state' && typeof m.id === 'string' && typeof m.step === 'number' && Number.isFinite(m.step) && 'state' in m;
}

/** file:// pages have the opaque origin "null", which postMessage cannot target by name. */
function targetOrigin(): string {
  return location.protocol === 'file:' ? '*' : location.origin;
}

export interface SyncChannel {
  sendState(id: string, state: Json, step: number): void;
  close(): void;
}

export function openSyncChannel(options: {
  role: 'driver' | 'follower';
  pairedWindow: () => Window | null;
  onState: (id: string, state: Json, step: number, sentAt: number) => void;
  onHello: () => void;
}): SyncChannel {
  const lastSent = new Map<string, string>();
  const listener = (event: MessageEvent) => {
    const paired = options.pairedWindow();
    if (!paired || event.source !== paired) return;
    if (location.protocol !== 'file:' && event.origin !== location.origin) return;
    if (!isSyncMessage(event.data)) return;
    const msg = event.data;
    if (msg.type === 'hello' && options.role === 'driver') {
      lastSent.clear();
      options.onHello();
    } else if (msg.type === 'state' && options.role === 'follower') {
      options.onState(msg.id, msg.state, msg.step, msg.sentAt);
    }
  };
  window.addEventListener('message', listener);
  if (options.role === 'follower') {
    options.pairedWindow()?.postMessage({ ns: SYNC_NAMESPACE, v: SYNC_VERSION, type: 'hello' } satisfies SyncMessage, targetOrigin());
  }
  return {
    sendState(id, state, step) {
      if (options.role !== 'driver') return;
      const paired = options.pairedWindow();
      if (!paired || paired.closed) return;
      const key = JSON.stringify([state, step]);
      if (lastSent.get(id) === key) return;
      lastSent.set(id, key);
      const msg: SyncMessage = { ns: SYNC_NAMESPACE, v: SYNC_VERSION, type: 'state', id, state, step, sentAt: Date.now() };
      paired.postMessage(msg, targetOrigin());
    },
    close() {
      window.removeEventListener('message', listener);
    },
  };
}

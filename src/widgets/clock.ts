/**
 * The one animation clock of the page. Every live demo draws from it, so a page never runs
 * two requestAnimationFrame loops, a hidden slide's demo costs nothing (it unsubscribes),
 * and frames stop altogether when nothing moves.
 */
export interface ClockClient {
  /** Called once per display frame with the time since this client's previous frame (capped). */
  frame(now: number, dt: number): void;
}

const MAX_DT_MS = 100;

const clients = new Map<ClockClient, number>();
let raf = 0;

function loop(now: number): void {
  raf = 0;
  for (const [client, last] of [...clients]) {
    if (!clients.has(client)) continue;
    clients.set(client, now);
    client.frame(now, last < 0 ? 16 : Math.min(MAX_DT_MS, Math.max(0, now - last)));
  }
  if (clients.size > 0) raf = requestAnimationFrame(loop);
}

/** Frames until `stop` (idempotent). */
export function subscribe(client: ClockClient): void {
  if (clients.has(client)) return;
  clients.set(client, -1);
  if (raf === 0) raf = requestAnimationFrame(loop);
}

export function unsubscribe(client: ClockClient): void {
  clients.delete(client);
  if (clients.size === 0 && raf !== 0) {
    cancelAnimationFrame(raf);
    raf = 0;
  }
}

export function subscribed(client: ClockClient): boolean {
  return clients.has(client);
}

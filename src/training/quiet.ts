/**
 * A page-wide pause of training while the deck changes slides. On a machine with few cores a
 * training worker competes with the main thread and the compositor for the CPU, and a slide
 * change is the moment the audience notices a late frame; training that waits a quarter of a
 * second for it loses nothing anyone sees. This module is tiny and loaded with the deck; the
 * training hosts (loaded with the first demo that trains) subscribe to it.
 */
type QuietListener = (ms: number) => void;
const listeners = new Set<QuietListener>();

/** Subscribes a training host; returns the unsubscribe function. */
export function onQuiet(listener: QuietListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Every training job in the page starts no new slice in the next `ms`. */
export function quietTraining(ms: number): void {
  for (const listener of listeners) listener(ms);
}

import { afterPaint } from './after-paint.ts';
import type { Json } from './contract.ts';

/**
 * A bookmark restores the slide and the state of the demos on it: the hash is remark's
 * `#12` (or `#p12`) followed by `~` and the states, base64url-encoded JSON keyed by demo id.
 * States larger than MAX_URL_STATE are left out of the URL.
 */
export const MAX_URL_STATE = 2000;
/**
 * The longest state part a bookmark may carry when read: twice what this deck writes. A
 * longer one was not written by it (a link mangled or made to stall the page) and is refused
 * before it is decoded.
 */
export const MAX_URL_STATE_READ = 2 * MAX_URL_STATE;
const SEPARATOR = '~';

export function encodeStates(states: Record<string, Json>): string {
  const json = JSON.stringify(states);
  const bytes = new TextEncoder().encode(json);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeStates(encoded: string): Record<string, Json> | null {
  if (encoded.length > MAX_URL_STATE_READ) return null;
  try {
    const binary = atob(encoded.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const parsed: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, Json>) : null;
  } catch {
    return null;
  }
}

/** Splits `#12~abc` into remark's part and the demo states (null when there are none or they cannot be read). */
export function splitHash(hash: string): { slide: string; states: Record<string, Json> | null } {
  const { slide, states } = readHash(hash);
  return { slide, states };
}

/**
 * Splits `#12~abc` into remark's part and the demo states, and says why states that are
 * there could not be read: the viewer of a damaged bookmark is told, and the demos start
 * from their defaults.
 */
export function readHash(hash: string): { slide: string; states: Record<string, Json> | null; problem: string | null } {
  const i = hash.indexOf(SEPARATOR);
  if (i < 0) return { slide: hash, states: null, problem: null };
  const slide = hash.slice(0, i);
  const encoded = hash.slice(i + 1);
  if (encoded.length > MAX_URL_STATE_READ) {
    return { slide, states: null, problem: `its demo state is ${encoded.length.toLocaleString('en')} characters long, more than the ${MAX_URL_STATE_READ.toLocaleString('en')} this deck reads` };
  }
  if (encoded === '') return { slide, states: null, problem: null };
  const states = decodeStates(encoded);
  return { slide, states, problem: states === null ? 'its demo state is not one this deck wrote (damaged or cut short)' : null };
}

let locationProblem: string | null = null;

/** Why the page's bookmark carried demo states that could not be read, or null (see takeStatesFromLocation). */
export function urlStateProblem(): string | null {
  return locationProblem;
}

export function joinHash(slideHash: string, states: Record<string, Json>): string {
  if (Object.keys(states).length === 0) return slideHash;
  const encoded = encodeStates(states);
  return encoded.length <= MAX_URL_STATE ? `${slideHash}${SEPARATOR}${encoded}` : slideHash;
}

/**
 * Takes the states out of the hash before remark reads it (remark would not find a slide
 * named "12~…"), leaving remark's own part.
 */
export function takeStatesFromLocation(): Record<string, Json> {
  const { slide, states, problem } = readHash(location.hash);
  locationProblem = problem;
  if (states !== null || location.hash.includes(SEPARATOR)) {
    history.replaceState(null, '', `${location.pathname}${location.search}${slide}`);
  }
  return states ?? {};
}

/** Writes the current demos' states after remark's slide part, without a history entry or hashchange. */
export function writeStatesToLocation(states: Record<string, Json>): void {
  const next = joinHash(currentSlideHash(), states);
  // This write carries the slide too, so a deferred slide write has nothing left to do.
  pendingSlide = null;
  if (next !== location.hash) history.replaceState(null, '', `${location.pathname}${location.search}${next}`);
}

/** remark's slide part waiting to be written (see deferSlideHash), and the URL it was deferred from. */
let pendingSlide: string | null = null;
let deferredFrom = '';
let watching = false;

/**
 * The slide part of the URL as it will be once a deferred write lands; but a URL changed
 * since the write was deferred is a navigation whose hashchange has not fired yet, and wins.
 */
export function currentSlideHash(): string {
  return pendingSlide !== null && location.hash === deferredFrom ? pendingSlide : splitHash(location.hash).slide;
}

/**
 * Changing the URL makes Chromium bring style and layout up to date at once: inside the key
 * press that costs a slide change a second layout of the whole deck. remark's slide hash is
 * therefore written once the new slide is painted. Any navigation in between wins: a
 * hashchange (a link, a bookmark, a script setting location.hash) drops the deferred write,
 * and so does finding the URL no longer the one the write was deferred from.
 */
export function deferSlideHash(hash: string, write: (hash: string) => void): void {
  if (!watching) {
    watching = true;
    // Capture phase: runs before remark's own hashchange handler reads the hash.
    addEventListener('hashchange', () => (pendingSlide = null), { capture: true });
  }
  const scheduled = pendingSlide !== null;
  pendingSlide = hash;
  if (scheduled) return;
  deferredFrom = location.hash;
  const flush = () => {
    const latest = pendingSlide;
    pendingSlide = null;
    if (latest !== null && location.hash === deferredFrom) write(latest);
  };
  afterPaint(flush);
  // A window in the background gets no animation frames; its URL is written all the same.
  setTimeout(flush, 250);
}

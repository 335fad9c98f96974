import type { Json } from './contract.ts';

/**
 * A bookmark restores the slide and the state of the demos on it: the hash is remark's
 * `#12` (or `#p12`) followed by `~` and the states, base64url-encoded JSON keyed by demo id.
 * States larger than MAX_URL_STATE are left out of the URL.
 */
export const MAX_URL_STATE = 2000;
const SEPARATOR = '~';

export function encodeStates(states: Record<string, Json>): string {
  const json = JSON.stringify(states);
  const bytes = new TextEncoder().encode(json);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeStates(encoded: string): Record<string, Json> | null {
  try {
    const binary = atob(encoded.replace(/-/g, '+').replace(/_/g, '/'));
    const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
    const parsed: unknown = JSON.parse(new TextDecoder().decode(bytes));
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, Json>) : null;
  } catch {
    return null;
  }
}

/** Splits `#12~abc` into remark's part and the demo states. */
export function splitHash(hash: string): { slide: string; states: Record<string, Json> | null } {
  const i = hash.indexOf(SEPARATOR);
  if (i < 0) return { slide: hash, states: null };
  return { slide: hash.slice(0, i), states: decodeStates(hash.slice(i + 1)) };
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
  const { slide, states } = splitHash(location.hash);
  if (states !== null || location.hash.includes(SEPARATOR)) {
    history.replaceState(null, '', `${location.pathname}${location.search}${slide}`);
  }
  return states ?? {};
}

/** Writes the current demos' states after remark's slide part, without a history entry or hashchange. */
export function writeStatesToLocation(states: Record<string, Json>): void {
  const { slide } = splitHash(location.hash);
  const next = joinHash(slide, states);
  if (next !== location.hash) history.replaceState(null, '', `${location.pathname}${location.search}${next}`);
}

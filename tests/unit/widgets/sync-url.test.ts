import { describe, expect, it } from 'vitest';
import { isSyncMessage, SYNC_NAMESPACE, SYNC_VERSION } from '../../../src/widgets/sync.ts';
import { decodeStates, encodeStates, joinHash, MAX_URL_STATE, splitHash } from '../../../src/widgets/url-state.ts';

describe('sync messages', () => {
  it('accepts only namespaced, versioned, well-formed messages', () => {
    const ok = { ns: SYNC_NAMESPACE, v: SYNC_VERSION, type: 'state', id: 'a.md:3', state: { t: 1 }, step: 4, sentAt: 1 };
    expect(isSyncMessage(ok)).toBe(true);
    expect(isSyncMessage({ ns: SYNC_NAMESPACE, v: SYNC_VERSION, type: 'hello' })).toBe(true);
    expect(isSyncMessage({ ...ok, v: SYNC_VERSION + 1 })).toBe(false);
    expect(isSyncMessage({ ...ok, ns: 'other' })).toBe(false);
    expect(isSyncMessage({ ...ok, step: Number.NaN })).toBe(false);
    expect(isSyncMessage('gotoSlide:3')).toBe(false);
    expect(isSyncMessage(null)).toBe(false);
  });
});

describe('URL state', () => {
  it('round-trips states, unicode included, after the slide part of the hash', () => {
    const states = { 'slides/02-rnn.md:145': { seed: 3, text: 'xin chào', w: [0.1, -2] } };
    const hash = joinHash('#p12', states);
    expect(hash.startsWith('#p12~')).toBe(true);
    expect(splitHash(hash)).toEqual({ slide: '#p12', states });
    expect(decodeStates(encodeStates(states))).toEqual(states);
  });

  it('leaves out states too large for a URL and ignores garbage', () => {
    const big = { a: Array.from({ length: MAX_URL_STATE }, (_, i) => i) };
    expect(joinHash('#3', big)).toBe('#3');
    expect(joinHash('#3', {})).toBe('#3');
    expect(splitHash('#3~%%%')).toEqual({ slide: '#3', states: null });
    expect(decodeStates(encodeStates([1, 2] as never))).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { encodeStates, MAX_URL_STATE_READ, readHash } from '../../../src/widgets/url-state.ts';

describe('reading a bookmark\'s demo states', () => {
  it('reads a good one with no problem, and a hash without states as none', () => {
    const states = { 'slides/02-rnn.md:145': { seed: 3 } };
    expect(readHash(`#12~${encodeStates(states)}`)).toEqual({ slide: '#12', states, problem: null });
    expect(readHash('#12')).toEqual({ slide: '#12', states: null, problem: null });
    expect(readHash('#12~')).toEqual({ slide: '#12', states: null, problem: null });
  });

  it('says why a damaged one cannot be read: not base64, not JSON, cut short, not an object', () => {
    const good = encodeStates({ a: { seed: 1, text: 'hello' } });
    for (const broken of ['%%%', 'bm90IGpzb24', good.slice(0, good.length - 5), encodeStates([1, 2] as never)]) {
      const read = readHash(`#p7~${broken}`);
      expect(read.slide).toBe('#p7');
      expect(read.states).toBeNull();
      expect(read.problem).toMatch(/not one this deck wrote/);
    }
  });

  it('refuses an oversized one before decoding it', () => {
    const huge = 'A'.repeat(MAX_URL_STATE_READ + 1);
    const read = readHash(`#3~${huge}`);
    expect(read).toMatchObject({ slide: '#3', states: null });
    expect(read.problem).toBe(`its demo state is ${(MAX_URL_STATE_READ + 1).toLocaleString('en')} characters long, more than the ${MAX_URL_STATE_READ.toLocaleString('en')} this deck reads`);
  });
});

import { describe, expect, it } from 'vitest';
import { emptyProgress, PROGRESS_KEY, ProgressStore, readProgress, type KeyValueStore } from '../../../src/study/progress-store.ts';

function memoryStore(initial?: string): KeyValueStore & { map: Map<string, string> } {
  const map = new Map<string, string>();
  if (initial !== undefined) map.set(PROGRESS_KEY, initial);
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) };
}

describe('progress store', () => {
  it('round-trips the slide, exercises and challenges through storage', () => {
    const store = memoryStore();
    const a = new ProgressStore(store);
    a.setSlide(12);
    a.setExercise('rnn-params', { correct: true, answer: '34' });
    a.setChallengeMet('bptt-live/band-loss');
    const b = new ProgressStore(store);
    expect(b.get()).toEqual({ version: 1, slide: 12, exercises: { 'rnn-params': { correct: true, answer: '34' } }, challenges: { 'bptt-live/band-loss': true } });
  });

  it.each([
    ['not JSON', '{slide: 3', /not JSON/],
    ['another version', JSON.stringify({ version: 99, slide: 3, exercises: {}, challenges: {} }), /version 99/],
    ['no version', JSON.stringify({ slide: 3 }), /version undefined/],
    ['a negative slide', JSON.stringify({ version: 1, slide: -2, exercises: {}, challenges: {} }), /malformed/],
    ['a wrong exercise entry', JSON.stringify({ version: 1, slide: 2, exercises: { a: 'yes' }, challenges: {} }), /malformed/],
    ['an extra field', JSON.stringify({ version: 1, slide: 2, exercises: {}, challenges: {}, x: 1 }), /malformed/],
    ['null', 'null', /version undefined/],
  ])('ignores %s with a warning and starts fresh', (_label, raw, message) => {
    const warnings: string[] = [];
    expect(readProgress(memoryStore(raw), (m) => warnings.push(m))).toEqual(emptyProgress());
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(message);
  });

  it('starts fresh without a warning when nothing is stored, and without storage at all', () => {
    const warnings: string[] = [];
    expect(readProgress(memoryStore(), (m) => warnings.push(m))).toEqual(emptyProgress());
    expect(readProgress(null, (m) => warnings.push(m))).toEqual(emptyProgress());
    expect(warnings).toEqual([]);
  });

  it('overwrites a corrupt value with good progress on the next change', () => {
    const store = memoryStore('garbage');
    const p = new ProgressStore(store, () => undefined);
    p.setSlide(4);
    expect(JSON.parse(store.map.get(PROGRESS_KEY)!)).toMatchObject({ version: 1, slide: 4 });
  });

  it('keeps working when storage refuses to read or write', () => {
    const broken: KeyValueStore = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('quota');
      },
      removeItem: () => undefined,
    };
    const warnings: string[] = [];
    const p = new ProgressStore(broken, (m) => warnings.push(m));
    p.setSlide(3);
    expect(p.get().slide).toBe(3);
    expect(warnings[0]).toMatch(/denied/);
  });

  it('clear forgets everything and tells its listeners', () => {
    const store = memoryStore();
    const p = new ProgressStore(store);
    p.setSlide(7);
    p.setChallengeMet('x/y');
    const seen: number[] = [];
    p.onChange((next) => seen.push(next.slide));
    p.clear();
    expect(store.map.has(PROGRESS_KEY)).toBe(false);
    expect(p.get()).toEqual(emptyProgress());
    expect(seen).toEqual([0]);
  });
});

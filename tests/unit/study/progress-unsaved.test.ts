import { describe, expect, it } from 'vitest';
import { ProgressStore, type KeyValueStore } from '../../../src/study/progress-store.ts';

/** A store that reads fine and refuses every write, as a full localStorage does. */
function fullStore(): KeyValueStore {
  return {
    getItem: () => null,
    setItem: () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    },
    removeItem: () => undefined,
  };
}

describe('progress store without room to write', () => {
  it('says once that progress is not kept, and keeps it for the page', () => {
    const said: string[] = [];
    const p = new ProgressStore(fullStore(), () => undefined, (m) => said.push(m));
    p.setSlide(3);
    p.setExercise('lstm-params', { correct: true, answer: '2480' });
    p.setChallengeMet('demo/goal');
    expect(said).toEqual(['Your progress is not being kept: this browser refused to store it (its storage is full). Your place and results last as long as this page.']);
    expect(p.get()).toMatchObject({ slide: 3, exercises: { 'lstm-params': { correct: true } }, challenges: { 'demo/goal': true } });
  });

  it('names another refusal by its message', () => {
    const said: string[] = [];
    const store: KeyValueStore = { ...fullStore(), setItem: () => { throw new Error('storage is disabled'); } };
    new ProgressStore(store, () => undefined, (m) => said.push(m)).setSlide(1);
    expect(said[0]).toContain('(storage is disabled)');
  });

  it('says nothing while writes succeed', () => {
    const said: string[] = [];
    const map = new Map<string, string>();
    const p = new ProgressStore({ getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v), removeItem: (k) => void map.delete(k) }, () => undefined, (m) => said.push(m));
    p.setSlide(2);
    expect(said).toEqual([]);
  });
});

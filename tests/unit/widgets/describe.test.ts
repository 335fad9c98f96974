import { describe, expect, it } from 'vitest';
import { describeDemo, formatNumber, keyWords } from '../../../src/widgets/describe.ts';

describe("a demo's text alternative", () => {
  it('says what the metric says, in words, after the summary', () => {
    expect(describeDemo('An RNN reads "hello".', { trainSteps: 120, loss: 1.41237, t: 2 }, {})).toBe('An RNN reads "hello". Now: train steps 120; loss 1.41; t 2.');
  });

  it('changes with the state it describes', () => {
    const at = (loss: number, steps: number) => describeDemo('A loss curve', { step: steps, loss }, {});
    expect(at(1.41, 120)).not.toBe(at(0.52, 240));
    expect(at(0.52, 240)).toContain('loss 0.52');
    expect(at(0.52, 240)).toContain('step 240');
  });

  it("reads nested figures, flags and missing values, and skips the state's data", () => {
    const text = describeDemo('Three cells race.', { training: true, accuracy: { rnn: 0.25, lstm: null }, curve: [0.1, 0.2] }, {});
    expect(text).toBe('Three cells race. Now: training; accuracy: rnn 0.25, lstm none yet.');
  });

  it("falls back to the state's plain fields when the demo reports no metric, without its seed or weights", () => {
    const text = describeDemo('Gradient norms against t − k.', undefined, { seed: 3, lambda: 1.25, activation: 'tanh', weights: 'AAAA', curve: [1, 2] });
    expect(text).toBe('Gradient norms against t − k. Now: lambda 1.25; activation tanh.');
  });

  it('keeps to the summary when there is nothing to add, and stays short', () => {
    expect(describeDemo('Just a picture.', undefined, null)).toBe('Just a picture.');
    const long = describeDemo('Many.', Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`value${i}`, i + 0.5])), {});
    expect(long.length).toBeLessThanOrEqual(320);
    expect(long.endsWith('…')).toBe(true);
  });

  it('spells keys and numbers as a reader says them', () => {
    expect(keyWords('charsPerSec')).toBe('chars per sec');
    expect(keyWords('first_accuracy')).toBe('first accuracy');
    expect(formatNumber(3)).toBe('3');
    expect(formatNumber(0.123456)).toBe('0.123');
    expect(formatNumber(2.5e-5)).toBe('2.50e-5');
    expect(formatNumber(Infinity)).toBe('infinite');
    expect(formatNumber(Number.NaN)).toBe('not a number');
  });
});

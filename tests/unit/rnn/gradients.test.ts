import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initParams, refLossAndGradients } from '../../../src/rnn/index.ts';
import { RnnModel } from '../../../src/rnn/tf/index.ts';
import { CASES } from './configs.ts';
import { finiteDifferences, useCpu, worstError } from './helpers.ts';

beforeAll(useCpu);

describe('float64 reference BPTT against central finite differences', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const ps = initParams(c.spec, { seed: 7, kernel: 'normal', recurrent: 'normal', scale: 0.5 });
      const { grads } = refLossAndGradients(c.spec, ps, c.batch);
      const fd = finiteDifferences(c.spec, ps, c.batch);
      const worst = worstError(grads, fd);
      expect(worst.error, worst.name).toBeLessThan(1e-6);
    });
  }
});

describe('tfjs autodiff (float32) against the float64 reference', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const ps = initParams(c.spec, { seed: 8, kernel: 'normal', recurrent: 'normal', scale: 0.5 });
      const ref = refLossAndGradients(c.spec, ps, c.batch);
      const model = RnnModel.fromParams(tf, c.spec, ps);
      const before = tf.memory().numTensors;
      const got = model.gradients(c.batch);
      expect(tf.memory().numTensors).toBe(before);
      model.dispose();
      expect(Math.abs(got.loss - ref.loss) / Math.abs(ref.loss)).toBeLessThan(1e-5);
      const worst = worstError(got.grads, ref.grads);
      expect(worst.error, worst.name).toBeLessThan(1e-3);
    });
  }
});

import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { findExerciseFences, parseExercise, type Exercise } from '../../../src/build/exercise-fences.ts';
import { readDeckSources } from '../../../src/build/deck-sources.ts';
import { droppedMask } from '../../../demos/bptt/model.ts';
import { clipByGlobalNorm, derivativeBound, initParams, makeBatch, refForwardSequence, slidingWindows, type ModelSpec } from '../../../src/rnn/index.ts';
import { numberMatches } from '../../../src/study/answers.ts';

const ROOT = join(import.meta.dirname, '../../..');

/** Every exercise of the lecture, by id, with the chapter it ends. */
function lectureExercises(): Map<string, { exercise: Exercise; file: string }> {
  const out = new Map<string, { exercise: Exercise; file: string }>();
  for (const chapter of readDeckSources(ROOT).chapters) {
    for (const fence of findExerciseFences(chapter.text)) {
      const { exercise } = parseExercise(fence);
      if (exercise) out.set(exercise.id, { exercise, file: chapter.file });
    }
  }
  return out;
}

const paramCount = (spec: ModelSpec, prefix = 'layer'): number =>
  Object.entries(initParams(spec, { seed: 0 }))
    .filter(([name]) => name.startsWith(prefix))
    .reduce((n, [, p]) => n + p.data.length, 0);
const dense = (size: number) => ({ kind: 'dense', size }) as const;
const head = { kind: 'linear', size: 1, at: 'every' } as const;

/** The number each numerical exercise asks for, computed by the project's own code where it has it. */
const computed: Record<string, () => number> = {
  'seq-windows': () => slidingWindows(Array.from({ length: 40 }, (_, i) => i % 5), 6, 5).targets.length,
  'seq-mlp-weights': () => 5 * 27 * 100 + 100,
  'rnn-params': () => paramCount({ input: dense(3), layers: [{ cell: { kind: 'rnn', hiddenSize: 5 } }], head: { kind: 'linear', size: 4, at: 'every' } }, ''),
  'rnn-scalar-steps': () => {
    const spec: ModelSpec = { input: dense(1), layers: [{ cell: { kind: 'rnn', hiddenSize: 1, activation: 'tanh' } }], head };
    const ps = initParams(spec, { seed: 0 });
    ps['layer0.fw.W']!.data[0] = 0.5;
    ps['layer0.fw.U']!.data[0] = 0.9;
    ps['layer0.fw.b']!.data[0] = 0;
    const trace = refForwardSequence(spec, ps, makeBatch([[[1], [1]]], { values: [[[0], [0]]] }), 0);
    return trace.layers[0]!.fw[1]!.gates.h![0]!;
  },
  'lm-uniform-loss': () => -Math.log(1 / 4),
  'lm-no-memory': () => (0 + 0 - Math.log(0.5) - Math.log(0.5)) / 4,
  'bptt-pairs': () => (20 * 21) / 2,
  'bptt-chunked-pairs': () => droppedMask('chunked', 5, 20).flatMap((row, t) => row.filter((d, j) => j <= t && !d)).length,
  'grad-bound-50': () => (0.9 * derivativeBound('tanh')) ** 50,
  'grad-sigmoid-lambda': () => 1 / derivativeBound('sigmoid'),
  'grad-clip': () => {
    const g = new Float64Array([3, 4]);
    clipByGlobalNorm([g], 1);
    return g[0]!;
  },
  'lstm-params': () => paramCount({ input: dense(10), layers: [{ cell: { kind: 'lstm', hiddenSize: 20 } }], head }),
  'lstm-forget-path': () => 0.99 ** 100,
  'gru-params': () => paramCount({ input: dense(16), layers: [{ cell: { kind: 'gru', hiddenSize: 32 } }], head }),
  'gru-keep': () => 0.95 ** 20,
  'arch-stacked': () => paramCount({ input: dense(10), layers: [1, 2, 3].map(() => ({ cell: { kind: 'rnn', hiddenSize: 20 } }) as const), head }),
  'arch-bidir-size': () => {
    const spec: ModelSpec = { input: dense(3), layers: [{ cell: { kind: 'rnn', hiddenSize: 64 }, bidirectional: true }], head };
    return initParams(spec, { seed: 0 })['head.V']!.shape[0]!;
  },
  'code-keras-params': () => 10000 * 32 + (32 * 32 + 32 * 32 + 32) + (32 + 1),
};

describe('the lecture’s exercises', () => {
  const exercises = lectureExercises();

  it('end every content chapter with 2 to 4 exercises', () => {
    const perChapter = new Map<string, number>();
    for (const { file } of exercises.values()) perChapter.set(file, (perChapter.get(file) ?? 0) + 1);
    for (const n of perChapter.values()) expect(n).toBeGreaterThanOrEqual(2);
    for (const n of perChapter.values()) expect(n).toBeLessThanOrEqual(4);
    expect(perChapter.size).toBeGreaterThanOrEqual(9);
  });

  it('check every numerical answer against the value the code computes', () => {
    const numerical = [...exercises.values()].filter((e) => e.exercise.check.kind === 'number');
    expect(numerical.map((e) => e.exercise.id).sort()).toEqual(Object.keys(computed).sort());
    for (const { exercise } of numerical) {
      if (exercise.check.kind !== 'number') continue;
      const value = computed[exercise.id]!();
      expect(numberMatches(value, exercise.check), `${exercise.id}: the code computes ${value}, the slide's answer is ${exercise.check.answer}`).toBe(true);
    }
  });
});

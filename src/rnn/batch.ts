/**
 * Training examples as flat typed arrays, the form every implementation consumes.
 * Built from nested arrays with makeBatch and checked against a model spec with
 * validateBatch before any tensor exists.
 */
import type { ModelSpec } from './spec.ts';
import { headSize, inputWidth } from './spec.ts';
import { checkAllFinite, checkIndices, checkInt } from './validate.ts';

export interface Batch {
  batchSize: number;
  steps: number;
  /** Token indices for one-hot/embedding input, [B·T] (sequence-major). */
  inputIndices?: Int32Array;
  /** Dense inputs, [B·T·I]. */
  inputValues?: Float64Array;
  /** Class targets: [B·T] for a head at every step, [B] for the last step. */
  targetIndices?: Int32Array;
  /** Regression targets: [B·T·O] at every step, [B·O] at the last step. */
  targetValues?: Float64Array;
}

export type Targets = { indices: number[][] | number[] } | { values: number[][][] | number[][] };

function flatten(name: string, rows: readonly (readonly unknown[])[], width?: number): number[] {
  const out: number[] = [];
  rows.forEach((row, i) => {
    if (!Array.isArray(row)) throw new RangeError(`${name}[${i}]: expected an array`);
    if (width !== undefined && row.length !== width) {
      throw new RangeError(`${name}[${i}]: expected length ${width}, got length ${row.length}`);
    }
    for (const v of row) {
      if (Array.isArray(v)) out.push(...(v as number[]));
      else out.push(v as number);
    }
  });
  return out;
}

/**
 * Builds a batch. inputs: token indices [B][T] or dense vectors [B][T][I];
 * targets: {indices: [B][T] | [B]} or {values: [B][T][O] | [B][O]}.
 */
export function makeBatch(inputs: number[][] | number[][][], targets: Targets): Batch {
  if (!Array.isArray(inputs) || inputs.length === 0) throw new RangeError('inputs: expected at least one sequence, got none');
  const first = inputs[0]!;
  if (!Array.isArray(first) || first.length === 0) throw new RangeError('inputs: expected sequence length >= 1, got 0');
  const batchSize = inputs.length;
  const steps = first.length;
  const batch: Batch = { batchSize, steps };
  if (Array.isArray(first[0])) {
    const width = (first[0] as number[]).length;
    for (const [b, seq] of (inputs as number[][][]).entries()) {
      if (seq.length !== steps) throw new RangeError(`inputs[${b}]: expected length ${steps}, got length ${seq.length}`);
      for (const [t, v] of seq.entries()) {
        if (v.length !== width) throw new RangeError(`inputs[${b}][${t}]: expected length ${width}, got length ${v.length}`);
      }
    }
    batch.inputValues = Float64Array.from(flatten('inputs', inputs as number[][][], steps));
  } else {
    batch.inputIndices = Int32Array.from(flatten('inputs', inputs as number[][], steps));
  }
  if ('indices' in targets) {
    const t = targets.indices;
    if (t.length !== batchSize) throw new RangeError(`targets.indices: expected ${batchSize} sequences, got ${t.length}`);
    batch.targetIndices = Int32Array.from(Array.isArray(t[0]) ? flatten('targets.indices', t as number[][], steps) : (t as number[]));
  } else {
    const t = targets.values;
    if (t.length !== batchSize) throw new RangeError(`targets.values: expected ${batchSize} sequences, got ${t.length}`);
    batch.targetValues = Float64Array.from(flatten('targets.values', t as number[][][]));
  }
  return batch;
}

/** Throws, naming the field, unless the batch fits the model spec. */
export function validateBatch(spec: ModelSpec, batch: Batch): void {
  const B = checkInt('batch.batchSize', batch.batchSize, 1, 1 << 16);
  const T = checkInt('batch.steps (sequence length)', batch.steps, 1, 1 << 16);
  const inp = spec.input;
  if (inp.kind === 'dense') {
    const v = batch.inputValues;
    if (!v) throw new RangeError('batch.inputValues: expected dense inputs for a dense input spec, got none');
    if (v.length !== B * T * inp.size) {
      throw new RangeError(`batch.inputValues: expected length B·T·I = ${B}·${T}·${inp.size} = ${B * T * inp.size}, got ${v.length}`);
    }
    checkAllFinite('batch.inputValues', v);
  } else {
    const v = batch.inputIndices;
    if (!v) throw new RangeError('batch.inputIndices: expected token indices for a one-hot/embedding input, got none');
    if (v.length !== B * T) throw new RangeError(`batch.inputIndices: expected length B·T = ${B * T}, got ${v.length}`);
    checkIndices('batch.inputIndices', v, inp.vocab);
  }
  const h = spec.head;
  const per = h.at === 'every' ? B * T : B;
  if (h.kind === 'softmax') {
    const v = batch.targetIndices;
    if (!v) throw new RangeError('batch.targetIndices: expected class indices for a softmax head, got none');
    if (v.length !== per) throw new RangeError(`batch.targetIndices: expected length ${per} (head at '${h.at}'), got ${v.length}`);
    checkIndices('batch.targetIndices', v, h.classes);
  } else {
    const v = batch.targetValues;
    if (!v) throw new RangeError('batch.targetValues: expected regression targets for a linear head, got none');
    if (v.length !== per * h.size) throw new RangeError(`batch.targetValues: expected length ${per * h.size} (head at '${h.at}'), got ${v.length}`);
    checkAllFinite('batch.targetValues', v);
  }
}

/** Dense input vector of sequence b at step t, for the reference path. */
export function inputAt(spec: ModelSpec, batch: Batch, b: number, t: number): Float64Array | number {
  if (spec.input.kind === 'dense') {
    const I = spec.input.size;
    const off = (b * batch.steps + t) * I;
    return batch.inputValues!.subarray(off, off + I);
  }
  return batch.inputIndices![b * batch.steps + t]!;
}

export { headSize, inputWidth };

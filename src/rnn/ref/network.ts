/**
 * Float64 reference forward pass and BPTT for a whole model (input, stacked or
 * bidirectional layers, head, loss), one sequence at a time. Layers run layer-wise over
 * the whole sequence, which is what makes the bidirectional case and per-layer
 * diagnostics straightforward.
 */
import type { Batch } from '../batch.ts';
import type { ParamSet } from '../params.ts';
import type { ModelSpec } from '../spec.ts';
import { cellPrefix, layerInputWidth } from '../spec.ts';
import type { CellWeights, RefCell, StepCache } from './cells.ts';
import { refCell } from './cells.ts';

export type Direction = 'fw' | 'bw';

export interface LayerTrace {
  /** fw[t]: forward-direction step at time t. */
  fw: StepCache[];
  /** bw[t]: backward-direction step at time t (it ran from T−1 down to 0). */
  bw?: StepCache[];
}

export interface SequenceTrace {
  /** Input vectors after one-hot/embedding lookup, [T][I]. */
  inputs: Float64Array[];
  layers: LayerTrace[];
  /** Time steps that carry an output: every step, or only T−1. */
  outputSteps: number[];
  /** Head outputs per output step: logits (softmax head) or predictions (linear head), [nOut][O]. */
  outputs: Float64Array[];
  /** Softmax probabilities per output step (softmax head only), [nOut][C]. */
  probs: Float64Array[];
  /** Loss J_t per output step. */
  stepLosses: number[];
  /** J = mean over output steps of J_t. */
  loss: number;
}

export function cellWeights(ps: ParamSet, prefix: string): CellWeights {
  const get = (k: string) => ps[`${prefix}.${k}`]?.data;
  const W = get('W'), U = get('U'), b = get('b');
  if (!W || !U || !b) throw new RangeError(`params: expected "${prefix}.W", ".U" and ".b"`);
  const w: CellWeights = { W, U, b };
  const pi = get('pi'), pf = get('pf'), po = get('po');
  if (pi && pf && po) Object.assign(w, { pi, pf, po });
  return w;
}

function cellsOf(spec: ModelSpec): RefCell[] {
  return spec.layers.map((layer, l) => refCell(layer.cell, layerInputWidth(spec, l)));
}

/** Head input at output step t: [h_fw(t); h_bw(t)], where a many-to-one head reads the backward direction at t = 0 (its final step), as Keras does. */
function headInput(spec: ModelSpec, tr: LayerTrace, t: number, T: number): Float64Array {
  const top = spec.layers[spec.layers.length - 1]!;
  const H = top.cell.hiddenSize;
  const fwState = tr.fw[t]!.state.subarray(0, H);
  if (!top.bidirectional) return fwState;
  const bwT = spec.head.at === 'last' ? 0 : t;
  const out = new Float64Array(2 * H);
  out.set(fwState, 0);
  out.set(tr.bw![bwT]!.state.subarray(0, H), H);
  void T;
  return out;
}

function layerOutputs(spec: ModelSpec, l: number, tr: LayerTrace): Float64Array[] {
  const H = spec.layers[l]!.cell.hiddenSize;
  return tr.fw.map((s, t) => {
    if (!tr.bw) return s.state.subarray(0, H);
    const o = new Float64Array(2 * H);
    o.set(s.state.subarray(0, H), 0);
    o.set(tr.bw[t]!.state.subarray(0, H), H);
    return o;
  });
}

function runDirection(cell: RefCell, w: CellWeights, xs: Float64Array[], reverse: boolean): StepCache[] {
  const T = xs.length;
  const out: StepCache[] = new Array<StepCache>(T);
  let s: Float64Array = new Float64Array(cell.stateSize);
  for (let n = 0; n < T; n++) {
    const t = reverse ? T - 1 - n : n;
    const c = cell.forward(w, xs[t]!, s);
    out[t] = c;
    s = c.state;
  }
  return out;
}

function inputVectors(spec: ModelSpec, ps: ParamSet, batch: Batch, b: number): Float64Array[] {
  const T = batch.steps;
  const xs: Float64Array[] = [];
  for (let t = 0; t < T; t++) {
    const inp = spec.input;
    if (inp.kind === 'dense') {
      const off = (b * T + t) * inp.size;
      xs.push(Float64Array.from(batch.inputValues!.subarray(off, off + inp.size)));
    } else {
      const idx = batch.inputIndices![b * T + t]!;
      if (inp.kind === 'onehot') {
        const v = new Float64Array(inp.vocab);
        v[idx] = 1;
        xs.push(v);
      } else {
        xs.push(ps['embed.E']!.data.slice(idx * inp.dim, (idx + 1) * inp.dim));
      }
    }
  }
  return xs;
}

/** Forward pass of sequence b of the batch. */
export function forwardSequence(spec: ModelSpec, ps: ParamSet, batch: Batch, b: number): SequenceTrace {
  const cells = cellsOf(spec);
  const T = batch.steps;
  const inputs = inputVectors(spec, ps, batch, b);
  let xs = inputs;
  const layers: LayerTrace[] = [];
  spec.layers.forEach((layer, l) => {
    const cell = cells[l]!;
    const tr: LayerTrace = { fw: runDirection(cell, cellWeights(ps, cellPrefix(l, 'fw')), xs, false) };
    if (layer.bidirectional) tr.bw = runDirection(cell, cellWeights(ps, cellPrefix(l, 'bw')), xs, true);
    layers.push(tr);
    xs = layerOutputs(spec, l, tr);
  });
  const head = spec.head;
  const outputSteps = head.at === 'every' ? Array.from({ length: T }, (_, t) => t) : [T - 1];
  const V = ps['head.V']!, c = ps['head.c']!.data;
  const inW = V.shape[0]!, O = V.shape[1]!;
  const outputs: Float64Array[] = [];
  const probs: Float64Array[] = [];
  const stepLosses: number[] = [];
  outputSteps.forEach((t, n) => {
    const hin = headInput(spec, layers[layers.length - 1]!, t, T);
    const y = Float64Array.from(c);
    for (let i = 0; i < inW; i++) for (let j = 0; j < O; j++) y[j]! += hin[i]! * V.data[i * O + j]!;
    outputs.push(y);
    if (head.kind === 'softmax') {
      const m = Math.max(...y);
      const e = y.map((v) => Math.exp(v - m));
      const z = e.reduce((a, v) => a + v, 0);
      const p = e.map((v) => v / z);
      probs.push(p);
      const target = head.at === 'every' ? batch.targetIndices![b * T + t]! : batch.targetIndices![b]!;
      // log-sum-exp form keeps the loss finite when p underflows.
      stepLosses.push(Math.log(z) + m - y[target]!);
    } else {
      const off = (head.at === 'every' ? b * T + t : b) * O;
      let s = 0;
      for (let j = 0; j < O; j++) s += (y[j]! - batch.targetValues![off + j]!) ** 2;
      stepLosses.push(s / O);
    }
    void n;
  });
  const loss = stepLosses.reduce((a, v) => a + v, 0) / stepLosses.length;
  return { inputs, layers, outputSteps, outputs, probs, stepLosses, loss };
}

export interface BackwardOptions {
  /** Multiplies every gradient (1/B when averaging a batch). Default 1. */
  scale?: number;
  /** Weight of each output step's loss; default 1/nOut for all (J is the mean). Index = position in outputSteps. */
  stepWeights?: number[];
  /** Truncation window [from, to]: gradients flow only through steps in it; earlier states count as constants. */
  window?: { from: number; to: number };
  /** Layer/direction whose per-step quantities to record. */
  record?: { layer: number; direction: Direction };
}

export interface BackwardRecord {
  /** Total ∂J/∂s_t for the recorded layer/direction, [T][S] (zeros outside the window). */
  stateGrads: Float64Array[];
  /** Gradient contribution of each step t to that cell's weights; they sum to its total gradient. */
  stepGrads: CellWeights[];
}

function zeroWeightsLike(w: CellWeights): CellWeights {
  const z: CellWeights = { W: new Float64Array(w.W.length), U: new Float64Array(w.U.length), b: new Float64Array(w.b.length) };
  if (w.pi) Object.assign(z, { pi: new Float64Array(w.pi.length), pf: new Float64Array(w.pf!.length), po: new Float64Array(w.po!.length) });
  return z;
}

function addWeights(into: CellWeights, w: CellWeights): void {
  for (const k of ['W', 'U', 'b', 'pi', 'pf', 'po'] as const) {
    const a = into[k], b = w[k];
    if (a && b) for (let i = 0; i < a.length; i++) a[i]! += b[i]!;
  }
}

/**
 * BPTT for one traced sequence: accumulates ∂J/∂θ into grads (a ParamSet with the model's
 * names and shapes) and optionally records per-step quantities of one layer.
 */
export function backwardSequence(spec: ModelSpec, ps: ParamSet, batch: Batch, b: number, tr: SequenceTrace, grads: ParamSet, opts: BackwardOptions = {}): BackwardRecord | undefined {
  const cells = cellsOf(spec);
  const T = batch.steps;
  const scale = opts.scale ?? 1;
  const from = opts.window?.from ?? 0;
  const to = opts.window?.to ?? T - 1;
  const head = spec.head;
  const nOut = tr.outputSteps.length;
  const top = spec.layers.length - 1;
  const topLayer = spec.layers[top]!;
  const H = topLayer.cell.hiddenSize;
  // dOut[l] per direction: gradient arriving at each step's hidden output from above.
  let dOutFw: Float64Array[] = Array.from({ length: T }, () => new Float64Array(H));
  let dOutBw: Float64Array[] = Array.from({ length: T }, () => new Float64Array(H));
  const V = ps['head.V']!, gV = grads['head.V']!.data, gc = grads['head.c']!.data;
  const inW = V.shape[0]!, O = V.shape[1]!;
  tr.outputSteps.forEach((t, n) => {
    const w = (opts.stepWeights ? opts.stepWeights[n]! : 1 / nOut) * scale;
    if (w === 0) return;
    const dy = new Float64Array(O);
    if (head.kind === 'softmax') {
      const target = head.at === 'every' ? batch.targetIndices![b * T + t]! : batch.targetIndices![b]!;
      const p = tr.probs[n]!;
      for (let j = 0; j < O; j++) dy[j] = w * (p[j]! - (j === target ? 1 : 0));
    } else {
      const off = (head.at === 'every' ? b * T + t : b) * O;
      const y = tr.outputs[n]!;
      for (let j = 0; j < O; j++) dy[j] = (w * 2 * (y[j]! - batch.targetValues![off + j]!)) / O;
    }
    const hin = headInput(spec, tr.layers[top]!, t, T);
    const dh = new Float64Array(inW);
    for (let i = 0; i < inW; i++) {
      let s = 0;
      for (let j = 0; j < O; j++) {
        gV[i * O + j]! += hin[i]! * dy[j]!;
        s += V.data[i * O + j]! * dy[j]!;
      }
      dh[i] = s;
    }
    for (let j = 0; j < O; j++) gc[j]! += dy[j]!;
    for (let i = 0; i < H; i++) dOutFw[t]![i]! += dh[i]!;
    if (topLayer.bidirectional) {
      const bt = head.at === 'last' ? 0 : t;
      for (let i = 0; i < H; i++) dOutBw[bt]![i]! += dh[H + i]!;
    }
  });
  let record: BackwardRecord | undefined;
  for (let l = top; l >= 0; l--) {
    const layer = spec.layers[l]!;
    const cell = cells[l]!;
    const Hl = layer.cell.hiddenSize;
    const dIn = Array.from({ length: T }, () => new Float64Array(cell.inputSize));
    const dirs: Direction[] = layer.bidirectional ? ['fw', 'bw'] : ['fw'];
    for (const dir of dirs) {
      const prefix = cellPrefix(l, dir);
      const w = cellWeights(ps, prefix);
      const g = cellWeights(grads, prefix);
      const steps = dir === 'fw' ? tr.layers[l]!.fw : tr.layers[l]!.bw!;
      const dOut = dir === 'fw' ? dOutFw : dOutBw;
      const recording = opts.record?.layer === l && opts.record.direction === dir;
      const rec: BackwardRecord | undefined = recording
        ? { stateGrads: Array.from({ length: T }, () => new Float64Array(cell.stateSize)), stepGrads: Array.from({ length: T }, () => zeroWeightsLike(w)) }
        : undefined;
      let carry: Float64Array = new Float64Array(cell.stateSize);
      const order: number[] = [];
      if (dir === 'fw') for (let t = to; t >= from; t--) order.push(t);
      else for (let t = from; t <= to; t++) order.push(t);
      for (const t of order) {
        const dS = carry;
        for (let i = 0; i < Hl; i++) dS[i]! += dOut[t]![i]!;
        const target = rec ? rec.stepGrads[t]! : g;
        if (rec) rec.stateGrads[t]!.set(dS);
        const { dPrev, dx } = cell.backward(w, steps[t]!, dS, target);
        if (rec) addWeights(g, target);
        carry = dPrev;
        const di = dIn[t]!;
        for (let i = 0; i < di.length; i++) di[i]! += dx[i]!;
      }
      if (rec) record = rec;
    }
    if (l > 0) {
      const Hb = spec.layers[l - 1]!.cell.hiddenSize;
      const bidi = spec.layers[l - 1]!.bidirectional === true;
      dOutFw = dIn.map((d) => d.slice(0, Hb));
      dOutBw = dIn.map((d) => (bidi ? d.slice(Hb, 2 * Hb) : new Float64Array(Hb)));
    } else if (spec.input.kind === 'embedding') {
      const D = spec.input.dim;
      const gE = grads['embed.E']!.data;
      for (let t = from; t <= to; t++) {
        const idx = batch.inputIndices![b * T + t]!;
        for (let i = 0; i < D; i++) gE[idx * D + i]! += dIn[t]![i]!;
      }
    }
  }
  return record;
}

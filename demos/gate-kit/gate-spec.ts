/** Parameters and state of a gate demo; the LSTM and GRU demos differ only in the cell. */
import { defineSpec } from '../../src/widgets/contract.ts';
import { integer, nullable, numbers, param, stateSchema, text, type ParamsOf } from '../../src/widgets/schema.ts';
import { weightCount, type GateCellKind, type GateState } from './model.ts';
import { TASK_TEXT } from './task.ts';

export const MAX_TEXT = 16;
const seedField = integer(0, 999999);
export const textField = text(MAX_TEXT, TASK_TEXT);

const params = {
  text: param(textField, '(a(()a).((a)', `The characters the cell reads: ( opens, ) closes, a changes nothing, . closes everything (at most ${MAX_TEXT})`),
  hidden: param(integer(2, 5), 4, 'Number of units in the cell'),
  seed: param(seedField, 1, 'Seed of the initial weights and of the training strings'),
};
export type GateParams = ParamsOf<typeof params>;

export function gateSpec(options: { name: string; title: string; summary: string; kind: GateCellKind; quantities: number }) {
  return defineSpec({
    name: options.name,
    title: options.title,
    summary: options.summary,
    height: 450,
    tfjs: false,
    params,
    state: (p) =>
      stateSchema({
        seed: seedField,
        text: textField,
        t: integer(0, MAX_TEXT - 1),
        k: integer(0, options.quantities - 1),
        trainSteps: integer(0, 1_000_000),
        weights: nullable(numbers(weightCount(options.kind, p.hidden))),
      }),
    initialState: (p): GateState => ({ seed: p.seed, text: p.text, t: 0, k: 0, trainSteps: 0, weights: null }),
  });
}

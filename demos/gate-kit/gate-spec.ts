/**
 * The spec both gate demos declare: the same parameters and state; the cell's kind sets
 * the weight count and how many quantities a step shows. Small and free of the RNN core,
 * since the deck bundles every demo's schema with the page.
 */
import { defineSpec } from '../../src/widgets/contract.ts';
import { integer, nullable, numbers, param, stateSchema, text } from '../../src/widgets/schema.ts';
import { DEFAULT_TEXT, DEMO_HEIGHT, MAX_TEXT, TASK_TEXT, TEXT_HELP, initialGateState, weightCount, type GateCellKind } from './alphabet.ts';

const seedField = integer(0, 999999);
const textField = text(MAX_TEXT, TASK_TEXT);
/** Quantities per step: f, i, c̃, c, o, h for the LSTM; z, r, h̃, h for the GRU. */
const QUANTITIES: Record<GateCellKind, number> = { lstm: 6, gru: 4 };

export function gateSpec(options: { name: string; title: string; summary: string; kind: GateCellKind; challenges: Readonly<Record<string, string>> }) {
  return defineSpec({
    name: options.name,
    title: options.title,
    summary: options.summary,
    height: DEMO_HEIGHT,
    tfjs: false,
    params: {
      text: param(textField, DEFAULT_TEXT, TEXT_HELP),
      hidden: param(integer(2, 5), 4, 'Number of units in the cell'),
      seed: param(seedField, 1, 'Seed of the initial weights and of the training strings'),
    },
    state: (p) =>
      stateSchema({
        seed: seedField,
        text: textField,
        t: integer(0, MAX_TEXT - 1),
        k: integer(0, QUANTITIES[options.kind] - 1),
        trainSteps: integer(0, 1_000_000),
        weights: nullable(numbers(weightCount(options.kind, p.hidden))),
      }),
    challenges: options.challenges,
    initialState: initialGateState,
  });
}

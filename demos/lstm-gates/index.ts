/** demos/lstm-gates: the LSTM's six quantities per step beside its six equations (slides/06-lstm.md). */
import { challenges } from './challenges.ts';
import { defineDemo } from '../../src/widgets/contract.ts';
import { gateDemo } from '../gate-kit/gate-demo.ts';
import { lstmCell } from './cell.ts';
import spec from './schema.ts';

export default defineDemo(spec, gateDemo(lstmCell), challenges);

/** demos/gru-gates: the GRU's four quantities per step beside its equations, in the core's convention (slides/07-gru.md). */
import { challenges } from './challenges.ts';
import { defineDemo } from '../../src/widgets/contract.ts';
import { gateDemo } from '../gate-kit/gate-demo.ts';
import { gruCell } from './cell.ts';
import spec from './schema.ts';

export default defineDemo(spec, gateDemo(gruCell), challenges);

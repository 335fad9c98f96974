/**
 * The TensorFlow.js module as a type. The tfjs path never imports tfjs as a value: the
 * caller passes the module it loaded, so the page (not this code) decides which copy and
 * backend are in use, and the core of src/rnn loads without tfjs.
 */
import type * as tfjs from '@tensorflow/tfjs';

export type Tf = typeof tfjs;

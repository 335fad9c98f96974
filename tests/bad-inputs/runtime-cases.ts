import { encodeStates, MAX_URL_STATE } from '../../src/widgets/url-state.ts';
import { PROGRESS_VERSION } from '../../src/study/progress-store.ts';
import { SYNC_NAMESPACE, SYNC_VERSION } from '../../src/widgets/sync.ts';

/**
 * Broken inputs that reach the page at run time, each with what the page must do with it,
 * checked in Node through the page's own readers (the URL's hash and query, the kept
 * progress, the other window's messages, a demo's state schema). What a reader refuses
 * never reaches a demo: the demo starts from its own state, the rest of the deck goes on.
 * tests/browser/bad-inputs.test.ts opens the built deck with the worst of them.
 */
export type RuntimeCase =
  /** A bookmark's hash: `states` is what the page takes from it (null: nothing). */
  | { kind: 'hash'; name: string; hash: string; slide: string; states: Record<string, unknown> | null }
  /** `?backend=…`: the backend it forces, or null when the page chooses as if it were absent. */
  | { kind: 'backend'; name: string; search: string; forced: string | null }
  /** `?read…`: whether the reading view opens. */
  | { kind: 'read'; name: string; search: string; reading: boolean }
  /** The kept progress: the page starts fresh with a warning, and keeps the unreadable value aside. */
  | { kind: 'progress'; name: string; stored: string; warning: RegExp }
  /** A message from the other window: whether the sync channel reads it at all. */
  | { kind: 'message'; name: string; data: unknown; accepted: boolean }
  /** A state arriving from the URL or the presenter for a demo (default parameters), made from the demo's initial state: whether the demo takes it. */
  | { kind: 'state'; name: string; demo: string; state: (initial: Record<string, unknown>) => unknown; accepted: boolean };

const envelope = { ns: SYNC_NAMESPACE, v: SYNC_VERSION };
const stateMessage = { ...envelope, type: 'state', id: 'a-unroll', state: { seed: 1 }, step: 3, sentAt: 1 };
const b64 = (text: string) => btoa(text).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

export const RUNTIME_CASES: RuntimeCase[] = [
  // The hash: `#12~<base64url JSON>`; a state the deck cannot read is dropped, the slide part stands.
  { kind: 'hash', name: 'hash: state that is not base64', hash: '#5~!!!%%%', slide: '#5', states: null },
  { kind: 'hash', name: 'hash: base64 of text that is not JSON', hash: `#5~${b64('{"a": ')}`, slide: '#5', states: null },
  { kind: 'hash', name: 'hash: JSON that is an array, not states by id', hash: `#5~${b64('[1,2,3]')}`, slide: '#5', states: null },
  { kind: 'hash', name: 'hash: JSON null', hash: `#5~${b64('null')}`, slide: '#5', states: null },
  { kind: 'hash', name: 'hash: bytes that are not UTF-8', hash: `#5~${btoa('\xff\xfe\xfd').replace(/=+$/, '')}`, slide: '#5', states: null },
  { kind: 'hash', name: 'hash: an empty state part', hash: '#5~', slide: '#5', states: null },
  { kind: 'hash', name: 'hash: a state longer than any the deck writes', hash: `#5~${encodeStates({ a: { text: 'x'.repeat(20 * MAX_URL_STATE) } })}`, slide: '#5', states: null },
  { kind: 'hash', name: 'hash: a __proto__ key does not reach Object.prototype', hash: `#5~${b64('{"__proto__":{"polluted":1}}')}`, slide: '#5', states: JSON.parse('{"__proto__":{"polluted":1}}') as Record<string, unknown> },
  { kind: 'hash', name: 'hash: presenter slide with junk after several separators', hash: '#p7~~~abc', slide: '#p7', states: null },

  // ?backend=: anything but webgl, wasm or cpu (exactly) leaves the choice to the page.
  { kind: 'backend', name: '?backend=gpu (not a backend)', search: '?backend=gpu', forced: null },
  { kind: 'backend', name: '?backend=WASM (wrong case)', search: '?backend=WASM', forced: null },
  { kind: 'backend', name: '?backend= (empty)', search: '?backend=', forced: null },
  { kind: 'backend', name: '?backend=<script> (markup)', search: '?backend=%3Cscript%3Ealert(1)%3C%2Fscript%3E', forced: null },
  { kind: 'backend', name: '?backend twice: the first wins', search: '?backend=cpu&backend=webgl', forced: 'cpu' },

  // ?read: present with any value opens the reading view; junk elsewhere does not.
  { kind: 'read', name: '?read=junk opens the reading view', search: '?read=%00%ff%3Cb%3E', reading: true },
  { kind: 'read', name: '?reading (a different name) does not', search: '?reading', reading: false },

  // Kept progress (localStorage "rnn-deck:progress").
  { kind: 'progress', name: 'progress: not JSON', stored: '{"version":1,"slide":', warning: /is not JSON; it is ignored/ },
  { kind: 'progress', name: 'progress: an older version', stored: JSON.stringify({ version: 0, slide: 3, answers: { e1: '12' } }), warning: /has version 0, this deck reads version 1; it is ignored/ },
  { kind: 'progress', name: 'progress: a newer version', stored: JSON.stringify({ version: PROGRESS_VERSION + 1, slide: 3 }), warning: /has version 2/ },
  { kind: 'progress', name: 'progress: the wrong shape', stored: JSON.stringify({ version: PROGRESS_VERSION, slide: 'x', exercises: {}, challenges: {} }), warning: /is malformed/ },
  { kind: 'progress', name: 'progress: a JSON string, not an object', stored: '"hello"', warning: /has version undefined/ },
  {
    name: 'progress: an answer longer than the store keeps',
    kind: 'progress',
    stored: JSON.stringify({ version: PROGRESS_VERSION, slide: 2, exercises: { e1: { correct: false, answer: 'x'.repeat(5000) } }, challenges: {} }),
    warning: /is malformed/,
  },

  // Messages from the other window: only namespaced, versioned, well-formed ones are read.
  { kind: 'message', name: 'message: remark’s own slide message', data: 'gotoSlide:3', accepted: false },
  { kind: 'message', name: 'message: another version', data: { ...stateMessage, v: SYNC_VERSION - 1 }, accepted: false },
  { kind: 'message', name: 'message: another namespace', data: { ...stateMessage, ns: 'evil' }, accepted: false },
  { kind: 'message', name: 'message: an unknown type', data: { ...envelope, type: 'eval', code: 'alert(1)' }, accepted: false },
  { kind: 'message', name: 'message: a state without an id', data: { ...stateMessage, id: undefined }, accepted: false },
  { kind: 'message', name: 'message: a step that is text', data: { ...stateMessage, step: '3' }, accepted: false },
  { kind: 'message', name: 'message: an infinite step', data: { ...stateMessage, step: Infinity }, accepted: false },
  { kind: 'message', name: 'message: a state message without a state', data: { ...envelope, type: 'state', id: 'a', step: 1, sentAt: 1 }, accepted: false },
  { kind: 'message', name: 'message: an array', data: [envelope], accepted: false },

  // States from the URL or the presenter window, against the demo's own schema.
  { kind: 'state', name: 'state: the demo’s own initial state is taken (the checks below can fail)', demo: 'unroll', state: (s) => s, accepted: true },
  { kind: 'state', name: 'state: a field of the wrong type', demo: 'unroll', state: (s) => ({ ...s, seed: 'one' }), accepted: false },
  { kind: 'state', name: 'state: a field out of range', demo: 'unroll', state: (s) => ({ ...s, t: 99 }), accepted: false },
  { kind: 'state', name: 'state: a key the demo does not have', demo: 'unroll', state: (s) => ({ ...s, admin: true }), accepted: false },
  { kind: 'state', name: 'state: a key missing', demo: 'unroll', state: ({ playing: _, ...rest }) => rest, accepted: false },
  { kind: 'state', name: 'state: weights of the wrong length', demo: 'unroll', state: (s) => ({ ...s, weights: [1, 2, 3] }), accepted: false },
  { kind: 'state', name: 'state: a number too large for JSON (1e999 reads as Infinity)', demo: 'unroll', state: (s) => ({ ...s, ...(JSON.parse('{"trainSteps":1e999}') as object) }), accepted: false },
  { kind: 'state', name: 'state: an array', demo: 'unroll', state: (s) => [s], accepted: false },
  { kind: 'state', name: 'state: a text longer than the demo trains on', demo: 'char-lm', state: (s) => ({ ...s, text: 'ab '.repeat(3000) }), accepted: false },
  { kind: 'state', name: 'state: a state from an older version of a demo', demo: 'vanishing', state: (s) => ({ seed: s.seed, lambda: 0.9, activation: 'tanh' }), accepted: false },
];

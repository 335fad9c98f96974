import { encodeStates, MAX_URL_STATE } from '../../src/widgets/url-state.ts';
import { SYNC_NAMESPACE, SYNC_VERSION } from '../../src/widgets/sync.ts';

/**
 * Broken inputs opened in the built deck (the demo fixture, tests/fixtures/demos: seven
 * remark slides, the unroll demo with seed 3 on slide 3 and its `--` step 4, two bad demo
 * fences on slide 7). Every case must leave a working deck: a slide shown, no page error, and
 * the demo (where the slide has one) running from a state it can read.
 */
export interface AddressCase {
  name: string;
  /** Appended to the deck's index.html address. */
  address: string;
  /** The kept progress in localStorage before the page opens. */
  storedProgress?: string;
  expect: {
    /** 1-based slide shown. */
    slide: number;
    /** The address's hash once the page settled (the state part dropped, a slide number made real). */
    hash?: RegExp;
    /** The unroll demo runs, with this state (its fields). */
    demo?: Record<string, unknown>;
    /** Text shown on the slide. */
    text?: RegExp;
    reading?: boolean;
    ratio?: '16:9' | '4:3';
  };
}

const DEMO_ID = 'demo-unroll';
const initial = { seed: 3, trainSteps: 0, playing: false };

export const ADDRESS_CASES: AddressCase[] = [
  { name: 'a state that is not base64', address: '#3~!!!%%%', expect: { slide: 3, hash: /^#3$/, demo: initial } },
  { name: 'a state of the wrong shape for the demo', address: `#3~${encodeStates({ [DEMO_ID]: { seed: 'three', hacked: true } })}`, expect: { slide: 3, demo: initial } },
  { name: 'a state for a demo id the deck does not have', address: `#3~${encodeStates({ 'no-such-demo': { seed: 1 } })}`, expect: { slide: 3, demo: initial } },
  { name: 'a state far larger than the deck writes', address: `#3~${'A'.repeat(400 * MAX_URL_STATE)}`, expect: { slide: 3, hash: /^#3$/, demo: initial } },
  { name: 'a slide number past the end', address: '#999', expect: { slide: 7, hash: /^#7$/ } },
  { name: 'slide number zero', address: '#0', expect: { slide: 1, hash: /^#1$/ } },
  { name: 'a negative slide number', address: '#-4', expect: { slide: 1 } },
  { name: 'a presenter slide past the end', address: '#p999', expect: { slide: 7 } },
  { name: 'a slide name that does not exist', address: '#nosuchslide', expect: { slide: 1 } },
  { name: 'an unknown ?backend=', address: '?backend=gpu#3', expect: { slide: 3, demo: initial, text: /tfjs · (webgl|wasm|cpu)/ } },
  { name: '?read with junk', address: '?read=%3Cscript%3E#zzz', expect: { slide: 1, reading: true } },
  { name: 'an unknown ?ratio=', address: '?ratio=99:1#2', expect: { slide: 2, ratio: '16:9' } },
  { name: 'kept progress that is not JSON', address: '', storedProgress: '{"version":1,', expect: { slide: 1 } },
  { name: 'kept progress on a slide past the end', address: '', storedProgress: JSON.stringify({ version: 1, slide: 999, exercises: {}, challenges: {} }), expect: { slide: 1 } },
  {
    name: 'demo fences the build refused: their message in place, the rest of the slide shown',
    address: '#7',
    expect: { slide: 7, text: /demos\.md:\d+: line \d+: "hidden" must be between 2 and 8, got 99[\s\S]*unknown parameter "colour"[\s\S]*unknown demo "nope"/ },
  },
];

const envelope = { ns: SYNC_NAMESPACE, v: SYNC_VERSION };

/**
 * Messages arriving at the clone, as the presenter would send them but wrong in one way:
 * `from` says who sends it (the presenter window as the event's source, or no window at
 * all) and `origin` its origin ('own' or another site). None may change the clone's slide
 * or the demo's state, or raise an error.
 */
export interface MessageCase {
  name: string;
  data: unknown;
  origin: 'own' | 'https://evil.example';
  from: 'presenter' | 'nobody';
}

const goodState = { ...envelope, type: 'state', id: DEMO_ID, state: { seed: 999, length: 4, t: 2, unrolled: false, playing: false, trainSteps: 0, weights: null }, step: 50, sentAt: 0 };

export const MESSAGE_CASES: MessageCase[] = [
  { name: 'a well-formed state from another origin', data: goodState, origin: 'https://evil.example', from: 'presenter' },
  { name: 'a well-formed state from no window', data: goodState, origin: 'own', from: 'nobody' },
  { name: 'a state of the wrong shape from the presenter', data: { ...goodState, state: { seed: 'x', admin: true } }, origin: 'own', from: 'presenter' },
  { name: 'a state with a huge array from the presenter', data: { ...goodState, state: { ...goodState.state, weights: new Array(100_000).fill(1) } }, origin: 'own', from: 'presenter' },
  { name: 'a state of an older protocol version', data: { ...goodState, v: SYNC_VERSION - 1 }, origin: 'own', from: 'presenter' },
  { name: 'remark’s slide message from another origin', data: 'gotoSlide:5', origin: 'https://evil.example', from: 'presenter' },
  { name: 'remark’s blackout message from no window', data: 'toggleBlackout', origin: 'own', from: 'nobody' },
  { name: 'remark’s slide message past the end, from the presenter', data: 'gotoSlide:9999', origin: 'own', from: 'presenter' },
  { name: 'junk: a number, null, nested arrays', data: [1, null, [[[[]]]]], origin: 'own', from: 'presenter' },
];

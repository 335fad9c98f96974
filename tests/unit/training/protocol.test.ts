import { describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, parseFromWorker, parseToWorker } from '../../../src/training/protocol.ts';
import { charJob } from './fixtures.ts';

describe('training protocol', () => {
  it('accepts the messages of this version', () => {
    expect(parseToWorker({ v: PROTOCOL_VERSION, type: 'start', job: charJob() }).type).toBe('start');
    expect(parseToWorker({ v: PROTOCOL_VERSION, type: 'query', queryId: 3 }).type).toBe('query');
    expect(parseToWorker({ v: PROTOCOL_VERSION, type: 'pause', ms: 250 }).type).toBe('pause');
    expect(parseFromWorker({ v: PROTOCOL_VERSION, type: 'ready' }).type).toBe('ready');
  });

  it('refuses another version, naming both', () => {
    expect(() => parseToWorker({ v: 0, type: 'stop' })).toThrow(/protocol version 0 does not match this build's version 2/);
    expect(() => parseFromWorker({ v: 3, type: 'ready' })).toThrow(/version 3/);
  });

  it('refuses unknown types, non-objects and incomplete messages', () => {
    expect(() => parseToWorker({ v: PROTOCOL_VERSION, type: 'ready' })).toThrow(/unknown message type "ready"/);
    expect(() => parseFromWorker({ v: PROTOCOL_VERSION, type: 'start' })).toThrow(/unknown message type "start"/);
    expect(() => parseToWorker(null)).toThrow(/expected a message object, got null/);
    expect(() => parseToWorker('stop')).toThrow(/got string/);
    expect(() => parseToWorker({ v: PROTOCOL_VERSION, type: 'start' })).toThrow(/"start" needs a job/);
    expect(() => parseToWorker({ v: PROTOCOL_VERSION, type: 'query' })).toThrow(/numeric queryId/);
    expect(() => parseToWorker({ v: PROTOCOL_VERSION, type: 'pause', ms: -1 })).toThrow(/"pause" needs ms/);
    expect(() => parseToWorker({ v: PROTOCOL_VERSION, type: 'pause', ms: Number.NaN })).toThrow(/"pause" needs ms/);
  });

  it('survives structured cloning with its typed arrays', () => {
    const msg = { v: PROTOCOL_VERSION, type: 'progress', report: { step: 1, jobStep: 1, loss: 2, state: { step: 1, params: { w: { shape: [2], data: Float64Array.of(1, 2) } }, extra: {} } } };
    const copy = parseFromWorker(structuredClone(msg));
    expect(copy).toEqual(msg);
  });
});

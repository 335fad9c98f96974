import { describe, expect, it } from 'vitest';
import { isSyncMessage, SYNC_NAMESPACE, SYNC_VERSION } from '../../../src/widgets/sync.ts';

describe('the note message between presenter and clone', () => {
  it('carries a demo id and the reason it stopped, or null when it runs again', () => {
    const note = { ns: SYNC_NAMESPACE, v: SYNC_VERSION, type: 'note', id: 'slides/06-lstm.md:40', text: 'diverged: loss is NaN at step 3' };
    expect(isSyncMessage(note)).toBe(true);
    expect(isSyncMessage({ ...note, text: null })).toBe(true);
  });

  it('refuses one without an id, with a text of another type, or too long to be a message', () => {
    const note = { ns: SYNC_NAMESPACE, v: SYNC_VERSION, type: 'note', id: 'a', text: 'x' };
    expect(isSyncMessage({ ...note, id: 3 })).toBe(false);
    expect(isSyncMessage({ ...note, text: 42 })).toBe(false);
    expect(isSyncMessage({ ...note, text: 'x'.repeat(2001) })).toBe(false);
  });
});

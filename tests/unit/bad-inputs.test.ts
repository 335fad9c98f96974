import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileDeck } from '../../src/build/compile-deck.ts';
import { readDeckSources } from '../../src/build/deck-sources.ts';
import { loadDemoSpecs } from '../../src/build/demo-specs.ts';
import { formatDiagnostic } from '../../src/build/diagnostics.ts';
import { PROGRESS_KEY, readProgress, emptyProgress, UNREADABLE_PROGRESS_KEY } from '../../src/study/progress-store.ts';
import { isReadingView } from '../../src/study/reading-view.ts';
import type { DemoSpec } from '../../src/widgets/contract.ts';
import { check, defaultParams } from '../../src/widgets/schema.ts';
import { isSyncMessage } from '../../src/widgets/sync.ts';
import { backendFromUrl } from '../../src/widgets/tf-loader.ts';
import { splitHash } from '../../src/widgets/url-state.ts';
import { BUILD_CASES, type BuildCase } from '../bad-inputs/build-cases.ts';
import { RUNTIME_CASES } from '../bad-inputs/runtime-cases.ts';

/**
 * The bad-input corpus (tests/bad-inputs/): every broken slide source through the real
 * build, every broken run-time input through the page's own readers. Each case states the
 * behaviour it must get; the browser half is tests/browser/bad-inputs.test.ts.
 */

const root = join(import.meta.dirname, '../..');
let specs: Map<string, DemoSpec>;
const temp: string[] = [];

beforeAll(async () => {
  specs = await loadDemoSpecs(root, (f) => import(f));
});
afterAll(() => {
  for (const dir of temp) rmSync(dir, { recursive: true, force: true });
});

/** Writes the case's files as a project's slides/ folder and builds it as the Vite plugin does. */
function build(c: BuildCase) {
  const project = mkdtempSync(join(tmpdir(), 'bad-input-'));
  temp.push(project);
  const slides = join(project, 'slides');
  mkdirSync(join(slides, 'figures'), { recursive: true });
  const files = { ...c.files };
  if (!('order.txt' in files)) files['order.txt'] = Object.keys(files).filter((f) => f.endsWith('.md')).join('\n');
  for (const [name, content] of Object.entries(files)) {
    if (content === null) continue;
    mkdirSync(dirname(join(slides, name)), { recursive: true });
    writeFileSync(join(slides, name), content);
  }
  const sources = readDeckSources(project);
  return compileDeck(sources.chapters, sources.diagnostics, specs);
}

describe('bad slide sources: each gets its message with file and line', () => {
  for (const c of BUILD_CASES) {
    it(c.name, () => {
      const deck = build(c);
      const messages = deck.diagnostics.map(formatDiagnostic);
      for (const pattern of c.expect) expect(messages.some((m) => pattern.test(m)), `${pattern} among:\n${messages.join('\n')}`).toBe(true);
      const unexpected = messages.filter((m) => !c.expect.some((p) => p.test(m)));
      expect(unexpected, 'diagnostics the case does not expect').toEqual([]);
      const page = [deck.markdown, ...deck.fragments].join('\n');
      for (const pattern of c.shows ?? []) expect(page).toMatch(pattern);
      for (const pattern of c.hides ?? []) expect(page).not.toMatch(pattern);
    });
  }
});

/** A Storage that holds one value, in memory. */
function storeWith(value: string) {
  const map = new Map([[PROGRESS_KEY, value]]);
  return { map, getItem: (k: string) => map.get(k) ?? null, setItem: (k: string, v: string) => void map.set(k, v), removeItem: (k: string) => void map.delete(k) };
}

describe('bad run-time inputs: refused by the page’s own readers', () => {
  for (const c of RUNTIME_CASES) {
    it(c.name, () => {
      switch (c.kind) {
        case 'hash': {
          const { slide, states } = splitHash(c.hash);
          expect(slide).toBe(c.slide);
          expect(JSON.stringify(states)).toBe(JSON.stringify(c.states));
          expect(({} as Record<string, unknown>).polluted).toBeUndefined();
          break;
        }
        case 'backend':
          expect(backendFromUrl(c.search)).toBe(c.forced);
          break;
        case 'read':
          expect(isReadingView(c.search)).toBe(c.reading);
          break;
        case 'progress': {
          const warnings: string[] = [];
          const store = storeWith(c.stored);
          expect(readProgress(store, (m) => warnings.push(m))).toEqual(emptyProgress());
          expect(warnings).toEqual([expect.stringMatching(c.warning)]);
          // Nothing the student typed is lost: the value the deck cannot read is kept aside, not overwritten.
          expect(store.map.get(UNREADABLE_PROGRESS_KEY)).toBe(c.stored);
          expect(warnings[0]).toContain(UNREADABLE_PROGRESS_KEY);
          break;
        }
        case 'message':
          expect(isSyncMessage(c.data)).toBe(c.accepted);
          break;
        case 'state': {
          const spec = specs.get(c.demo)!;
          const params = defaultParams(spec.params) as never;
          const taken = check(spec.state(params), c.state(spec.initialState(params) as Record<string, unknown>));
          expect(taken !== null).toBe(c.accepted);
          break;
        }
      }
    });
  }
});

it('has at least forty cases', () => {
  expect(BUILD_CASES.length + RUNTIME_CASES.length).toBeGreaterThanOrEqual(40);
});

import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDeck } from '../../../src/build/compile-deck.ts';
import { demoId, findDemoFences } from '../../../src/build/demo-fences.ts';
import { formatDiagnostic } from '../../../src/build/diagnostics.ts';
import { defineSpec, type DemoSpec } from '../../../src/widgets/contract.ts';
import { integer, param, stateSchema } from '../../../src/widgets/schema.ts';

/**
 * Demo ids: what bookmarks, kept state and the clone key on. A default id comes from the
 * slide's name or the chapter's file name, never from a line number; two fences may share
 * an id only when both ask for it explicitly for the same demo and parameters.
 */

const toy = defineSpec({
  name: 'toy',
  title: 'Toy',
  summary: 'A toy.',
  height: 100,
  tfjs: false,
  params: { seed: param(integer(0, 100), 1, 'seed') },
  state: () => stateSchema({ seed: integer(0, 100) }),
  initialState: (p) => ({ seed: p.seed }),
}) as DemoSpec;
const specs = new Map([['toy', toy]]);

function compile(chapters: Record<string, string>) {
  return compileDeck(
    Object.entries(chapters).map(([file, text]) => ({ file, path: join('/deck', file), text })),
    [],
    specs,
  );
}

/** [id, origin] of every demo host in the compiled deck, in order. */
function hosts(deck: ReturnType<typeof compileDeck>): [string, string][] {
  return deck.fragments.flatMap((f) => [...f.matchAll(/data-demo-id="([^"]*)" data-demo-origin="([^"]*)"/g)].map((m): [string, string] => [m[1]!, m[2]!]));
}

const fence = (body = '') => `\`\`\`demo:toy\n${body}${body ? '\n' : ''}\`\`\``;

describe('demo ids', () => {
  it('default to the slide’s name and the demo’s name', () => {
    const deck = compile({ 'slides/02-bptt.md': `name: sweep\n# Sweep\n\n${fence('seed: 4')}\n` });
    expect(deck.diagnostics).toEqual([]);
    expect(hosts(deck)).toEqual([['sweep-toy', 'slides/02-bptt.md:4']]);
  });

  it('default to the chapter’s file name when the slide has no name', () => {
    const deck = compile({ 'slides/02-bptt.md': `# First\n---\nclass: middle\n# Sweep\n\n${fence()}\n` });
    expect(deck.diagnostics).toEqual([]);
    expect(hosts(deck)).toEqual([['02-bptt-toy', 'slides/02-bptt.md:6']]);
  });

  it('take an `id:` line over the default, which is not a parameter of the demo', () => {
    const deck = compile({ 'slides/a.md': `name: sweep\n# Sweep\n\n${fence('id: my.demo_1\nseed: 4')}\n` });
    expect(deck.diagnostics).toEqual([]);
    expect(hosts(deck)).toEqual([['my.demo_1', 'slides/a.md:4']]);
    expect(deck.fragments.some((f) => f.includes('data-demo-params="{&#34;seed&#34;:4}"'))).toBe(true);
  });

  it('report an invalid id at its line', () => {
    const deck = compile({ 'slides/a.md': `# A\n\n${fence('seed: 4\nid: not an id!')}\n` });
    expect(deck.diagnostics.map(formatDiagnostic)).toEqual(['slides/a.md:5: error: demo id "not an id!" must be 1 to 64 letters, digits, "-", "_" or "."']);
    const [f] = findDemoFences(`# A\n\n${fence('id: -dash')}\n`);
    expect(demoId(f!, 'slides/a.md')).toMatchObject({ id: '-dash', explicit: true, problem: { line: 4 } });
  });

  it('are an error when two fences get the same default id, naming the earlier fence', () => {
    const deck = compile({ 'slides/a.md': `# A\n\n${fence('seed: 1')}\n---\n# B\n\n${fence('seed: 1')}\n` });
    const errors = deck.diagnostics.filter((d) => d.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ file: 'slides/a.md', line: 9 });
    expect(errors[0]!.message).toContain('demo id "a-toy" is already used at slides/a.md:3');
  });

  it('are an error when two fences repeat an explicit id for different parameters', () => {
    const deck = compile({ 'slides/a.md': `# A\n\n${fence('id: shared\nseed: 1')}\n---\n# B\n\n${fence('id: shared\nseed: 2')}\n` });
    expect(deck.diagnostics.map(formatDiagnostic)).toEqual([expect.stringMatching(/^slides\/a\.md:10: error: demo id "shared" is already used at slides\/a\.md:3;/)]);
  });

  it('may be shared on purpose: the same explicit id, demo and parameters, in two chapters', () => {
    const deck = compile({
      'slides/a.md': `# A\n\n${fence('id: shared\nseed: 7')}\n`,
      'slides/b.md': `# B\n\n${fence('seed: 7\nid: shared')}\n`,
    });
    expect(deck.diagnostics).toEqual([]);
    expect(hosts(deck)).toEqual([
      ['shared', 'slides/a.md:3'],
      ['shared', 'slides/b.md:3'],
    ]);
  });

  it('do not change when a line is added above the fence', () => {
    const before = compile({ 'slides/a.md': `# A\n---\nname: sweep\n# Sweep\n\n${fence('seed: 4')}\n---\n# C\n\n${fence()}\n` });
    const after = compile({ 'slides/a.md': `# A\n\nA new paragraph.\n---\nname: sweep\n# Sweep\n\nAnother line.\n\n${fence('seed: 4')}\n---\n# C\n\n${fence()}\n` });
    expect(before.diagnostics).toEqual([]);
    expect(after.diagnostics).toEqual([]);
    expect(hosts(before)).toEqual([
      ['sweep-toy', 'slides/a.md:6'],
      ['a-toy', 'slides/a.md:12'],
    ]);
    expect(hosts(after).map(([id]) => id)).toEqual(['sweep-toy', 'a-toy']);
    expect(hosts(after).map(([, origin]) => origin)).toEqual(['slides/a.md:10', 'slides/a.md:16']);
  });
});

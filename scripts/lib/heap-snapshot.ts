import type { CDPSession } from 'playwright-core';

/** Node types of a V8 heap snapshot that are the page's own JavaScript values. */
const JS_VALUE_TYPES = new Set(['object', 'array', 'string', 'concatenated string', 'sliced string', 'closure', 'regexp', 'number', 'heap number', 'symbol', 'bigint']);

export interface HeapBreakdown {
  /** The page's own JavaScript values: objects, arrays, strings, closures. */
  jsValuesMB: number;
  /** V8's compiled code, feedback and inline caches: grows as the engine optimises, not with the data kept. */
  codeMB: number;
  /** Everything else in the snapshot: V8's object shapes and internals, Blink's native objects. */
  otherMB: number;
}

/**
 * Takes a heap snapshot after a forced collection and sums it by node type: a leak of the
 * page's data shows as growth of its JS values, while the engine's own caches warming up
 * shows as compiled code.
 */
export async function heapBreakdown(cdp: CDPSession): Promise<HeapBreakdown> {
  await cdp.send('HeapProfiler.enable');
  await cdp.send('HeapProfiler.collectGarbage');
  const chunks: string[] = [];
  const onChunk = (e: { chunk: string }) => chunks.push(e.chunk);
  cdp.on('HeapProfiler.addHeapSnapshotChunk', onChunk);
  try {
    await cdp.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    cdp.off('HeapProfiler.addHeapSnapshotChunk', onChunk);
  }
  const snapshot = JSON.parse(chunks.join('')) as { snapshot: { meta: { node_fields: string[]; node_types: [string[]] } }; nodes: number[] };
  const fields = snapshot.snapshot.meta.node_fields;
  const types = snapshot.snapshot.meta.node_types[0];
  const typeAt = fields.indexOf('type');
  const sizeAt = fields.indexOf('self_size');
  const bytes = { js: 0, code: 0, other: 0 };
  for (let i = 0; i < snapshot.nodes.length; i += fields.length) {
    const type = types[snapshot.nodes[i + typeAt]!] ?? '';
    const size = snapshot.nodes[i + sizeAt]!;
    if (JS_VALUE_TYPES.has(type)) bytes.js += size;
    else if (type === 'code') bytes.code += size;
    else bytes.other += size;
  }
  const mb = (b: number) => b / 2 ** 20;
  return { jsValuesMB: mb(bytes.js), codeMB: mb(bytes.code), otherMB: mb(bytes.other) };
}

import type { DemoModule, DemoSpec } from './contract.ts';

/**
 * Every folder demos/<name>/ with a schema.ts and an index.ts is a demo. Specs are small
 * and bundled with the deck; each implementation is its own lazily loaded chunk.
 */
const specs = import.meta.glob<DemoSpec>('../../demos/*/schema.ts', { eager: true, import: 'default' });
const loaders = import.meta.glob<DemoModule>('../../demos/*/index.ts', { import: 'default' });

const byName = new Map<string, { spec: DemoSpec; load: () => Promise<DemoModule> }>();
for (const [path, spec] of Object.entries(specs)) {
  const load = loaders[path.replace(/schema\.ts$/, 'index.ts')];
  if (load) byName.set(spec.name, { spec, load });
}

export function demoSpec(name: string): DemoSpec | undefined {
  return byName.get(name)?.spec;
}

const loaded = new Map<string, Promise<DemoModule>>();

export function loadDemo(name: string): Promise<DemoModule> {
  const entry = byName.get(name);
  if (!entry) return Promise.reject(new Error(`unknown demo "${name}"`));
  let p = loaded.get(name);
  if (!p) {
    p = entry.load();
    loaded.set(name, p);
  }
  return p;
}

export function knownDemos(): string[] {
  return [...byName.keys()].sort();
}

import type { DemoModule } from './contract.ts';
import type { DemoManifest } from './params.ts';

/**
 * Every folder demos/<name>/ with a demo.json and an index.ts is a demo. Manifests are
 * small and bundled with the deck; each implementation is its own lazily loaded chunk.
 */
const manifests = import.meta.glob<DemoManifest>('../../demos/*/demo.json', { eager: true, import: 'default' });
const loaders = import.meta.glob<DemoModule>('../../demos/*/index.ts', { import: 'default' });

const byName = new Map<string, { manifest: DemoManifest; load: () => Promise<DemoModule> }>();
for (const [path, manifest] of Object.entries(manifests)) {
  const load = loaders[path.replace(/demo\.json$/, 'index.ts')];
  if (load) byName.set(manifest.name, { manifest, load });
}

export function demoManifest(name: string): DemoManifest | undefined {
  return byName.get(name)?.manifest;
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

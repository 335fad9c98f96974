import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DemoManifest } from '../widgets/params.ts';

/** Reads demos/<name>/demo.json for every demo folder; a folder's name is its demo's name. */
export function readDemoManifests(root: string): Map<string, DemoManifest> {
  const dir = join(root, 'demos');
  const manifests = new Map<string, DemoManifest>();
  if (!existsSync(dir)) return manifests;
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name, 'demo.json');
    if (!existsSync(file)) continue;
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as DemoManifest;
    if (manifest.name !== name) throw new Error(`demos/${name}/demo.json: "name" is "${manifest.name}", expected "${name}"`);
    manifests.set(name, manifest);
  }
  return manifests;
}

import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { DemoSpec } from '../widgets/contract.ts';
import { defaultParams, defaultProblems } from '../widgets/schema.ts';

export type SpecImporter = (file: string) => Promise<{ default: DemoSpec }>;

/** Node cannot import TypeScript by itself; tsx's loader does, for the build (tests pass Vitest's own import). */
const tsxImporter: SpecImporter = async (file) => {
  const { tsImport } = await import('tsx/esm/api');
  return (await tsImport(pathToFileURL(file).href, import.meta.url)) as { default: DemoSpec };
};

/**
 * Reads demos/<name>/schema.ts of every demo folder; a folder's name is its demo's name.
 * A default that breaks its own field, or an initial state that breaks the state's
 * schema, is an error here: the build fails rather than ship a demo that cannot start.
 */
export async function loadDemoSpecs(root: string, importer: SpecImporter = tsxImporter): Promise<Map<string, DemoSpec>> {
  const dir = join(root, 'demos');
  const specs = new Map<string, DemoSpec>();
  if (!existsSync(dir)) return specs;
  for (const name of readdirSync(dir).sort()) {
    const file = join(dir, name, 'schema.ts');
    if (!existsSync(file)) continue;
    const spec = (await importer(file)).default;
    const where = `demos/${name}/schema.ts`;
    if (spec.name !== name) throw new Error(`${where}: "name" is "${spec.name}", expected "${name}"`);
    const problems = specProblems(spec);
    if (problems.length > 0) throw new Error(`${where}: ${problems.join('; ')}`);
    specs.set(name, spec);
  }
  return specs;
}

/** What is wrong with a spec's own defaults: parameters against their fields, the initial state against the state schema. */
export function specProblems(spec: DemoSpec): string[] {
  const problems = defaultProblems(spec.params);
  if (problems.length > 0) return problems;
  const params = defaultParams(spec.params);
  const initial = spec.initialState(params);
  const result = spec.state(params)['~standard'].validate(initial);
  if (result instanceof Promise) return ['the state schema must be synchronous'];
  if (result.issues) return [`the initial state breaks the state schema: ${result.issues.map((i) => `${i.path?.map((p) => (typeof p === 'object' ? String(p.key) : String(p))).join('.') ?? ''} ${i.message}`).join(', ')}`];
  return [];
}

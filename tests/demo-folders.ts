import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** Every demo of the repository: the folders under demos/ with a schema.ts, sorted by name. */
export const DEMO_FOLDERS: readonly string[] = readdirSync(resolve(import.meta.dirname, '../demos'), { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(d.parentPath, d.name, 'schema.ts')))
  .map((d) => d.name)
  .sort();

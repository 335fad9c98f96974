import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { serveDirectory, type StaticServer } from '../../scripts/lib/static-server.ts';

export const ROOT = join(import.meta.dirname, '../..');

/** The two ways the deck is used: a served build, and one HTML file opened from disk. */
export interface Target {
  name: 'served' | 'single-file';
  url: string;
  /** Requests starting with this are the deck's own; anything else is a foreign request. */
  ownPrefix: string;
  close(): Promise<void>;
}

function requireBuild(dir: string, command: string): void {
  if (!existsSync(join(ROOT, dir, 'index.html'))) throw new Error(`${dir}/index.html is missing: run \`${command}\` first (npm test does)`);
}

export async function servedTarget(): Promise<Target> {
  requireBuild('dist', 'npm run build');
  const server: StaticServer = await serveDirectory(join(ROOT, 'dist'));
  return { name: 'served', url: `${server.url}index.html`, ownPrefix: server.url, close: () => server.close() };
}

export async function singleFileTarget(): Promise<Target> {
  requireBuild('dist-single', 'npm run build:single');
  const url = pathToFileURL(join(ROOT, 'dist-single/index.html')).href;
  return { name: 'single-file', url, ownPrefix: url, close: async () => undefined };
}

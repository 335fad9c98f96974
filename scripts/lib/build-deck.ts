import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';

export const PROJECT_ROOT = join(import.meta.dirname, '../..');

/** Builds the deck (served or single-file) with the project's Vite config into a fresh temporary folder. */
export async function buildDeckTo(mode: 'production' | 'single', outDir = mkdtempSync(join(tmpdir(), 'deck-build-'))): Promise<string> {
  const saved = process.env.DECK_OUT;
  process.env.DECK_OUT = outDir;
  try {
    await build({ configFile: join(PROJECT_ROOT, 'vite.config.ts'), mode, logLevel: 'warn' });
  } finally {
    if (saved === undefined) delete process.env.DECK_OUT;
    else process.env.DECK_OUT = saved;
  }
  return outDir;
}

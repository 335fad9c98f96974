import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { ROOT } from './targets.ts';

/** Builds a fixture slide folder with the project's own Vite config into a temporary folder. */
export async function buildFixtureDeck(slidesDir: string, mode: 'production' | 'single'): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'deck-fixture-'));
  const saved = { slides: process.env.DECK_SLIDES, out: process.env.DECK_OUT };
  process.env.DECK_SLIDES = slidesDir;
  process.env.DECK_OUT = outDir;
  try {
    await build({ configFile: join(ROOT, 'vite.config.ts'), mode, logLevel: 'error' });
  } finally {
    restore('DECK_SLIDES', saved.slides);
    restore('DECK_OUT', saved.out);
  }
  return outDir;
}

function restore(key: string, value: string | undefined): void {
  if (value === undefined) delete process.env[key];
  else process.env[key] = value;
}

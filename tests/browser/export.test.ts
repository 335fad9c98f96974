import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDeckSources } from '../../src/build/deck-sources.ts';
import { ROOT } from './targets.ts';

/** `npm run export -- FILE.pdf`: one page per slide, demos printed as their snapshots. */
describe('PDF export', () => {
  it('writes one page per slide with the demos as images', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'deck-export-')), 'deck.pdf');
    const output = execFileSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'scripts/export.ts'), file], {
      cwd: ROOT,
      stdio: 'pipe',
      timeout: 240_000,
      encoding: 'utf8',
    });
    const slides = Number(/wrote (\d+) slides/.exec(output)?.[1]);
    const pdf = readFileSync(file).toString('latin1');
    const pages = pdf.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    const images = pdf.match(/\/Subtype\s*\/Image/g)?.length ?? 0;
    const demoFences = readDeckSources(ROOT).chapters.reduce((n, c) => n + (c.text.match(/^```demo:/gm)?.length ?? 0), 0);
    expect(slides).toBeGreaterThanOrEqual(60);
    expect(pages).toBe(slides);
    expect(images).toBeGreaterThanOrEqual(demoFences);
    const size = /\/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf);
    expect(Number(size?.[1]) / Number(size?.[2])).toBeCloseTo(16 / 9, 1);
  }, 300_000);
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './targets.ts';

/** `npm run export -- --handout FILE.pdf`: every slide with its notes under it, on A4, demos as snapshots. */
describe('handout PDF', () => {
  it('has one notes block per slide, on A4 pages holding one or two slides each', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'deck-handout-')), 'handout.pdf');
    const output = execFileSync(process.execPath, [join(ROOT, 'node_modules/tsx/dist/cli.mjs'), join(ROOT, 'scripts/export.ts'), '--handout', file], {
      cwd: ROOT,
      stdio: 'pipe',
      timeout: 400_000,
      encoding: 'utf8',
    });
    console.info(output.trim());
    const slides = Number(/handout of (\d+) slides/.exec(output)?.[1]);
    const pdf = readFileSync(file).toString('latin1');
    const pages = pdf.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    // Each notes block carries the anchor notes-N, which the PDF keeps as a named destination.
    const notesBlocks = new Set(pdf.match(/notes-\d+/g) ?? []);
    expect(slides).toBeGreaterThanOrEqual(60);
    expect(notesBlocks.size).toBe(slides);
    // The contents page, then one or two slides per page.
    expect(pages).toBeGreaterThanOrEqual(Math.ceil(slides / 2));
    expect(pages).toBeLessThanOrEqual(slides + 1);
    const size = /\/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]/.exec(pdf);
    // A4 portrait: 210 × 297 mm is 595 × 842 points.
    expect(Math.abs(Number(size?.[1]) - 595.3)).toBeLessThan(1.5);
    expect(Math.abs(Number(size?.[2]) - 841.9)).toBeLessThan(1.5);
    const images = pdf.match(/\/Subtype\s*\/Image/g)?.length ?? 0;
    expect(images).toBeGreaterThanOrEqual(4);
  }, 420_000);
});

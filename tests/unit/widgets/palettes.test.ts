import { differenceCiede2000, filterDeficiencyDeuter, filterDeficiencyProt, filterDeficiencyTrit, lab, parse, wcagContrast, type Color } from 'culori';
import * as chromatic from 'd3-scale-chromatic';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PLAIN_STYLE, CLIPPED_STYLE } from '../../../demos/clipping/surface-panel.ts';
import { LOWER, RAISE } from '../../../demos/char-hello/view.ts';
import { DEPTH_COLORS } from '../../../demos/deep-rnn/view.ts';
import { CELL_STYLE } from '../../../demos/long-lag/view.ts';
import { SLOT_COLOURS } from '../../../demos/sliding-window/view.ts';
import { MATRIX_COLOURS } from '../../../demos/unroll/view.ts';
import { PALETTE } from '../../../src/widgets/ui.ts';

/**
 * The demos' colours must survive colour-vision deficiencies and a washed-out projector.
 * Each palette is seen through Machado, Oliveira and Fernandes (2009)'s simulation of
 * protanopia, deuteranopia and tritanopia at full severity (culori's filterDeficiency*),
 * and distances are CIEDE2000 ΔE in CIELAB:
 * - categories drawn together (lines, series, slots) stay ≥ 10 apart, in normal vision and
 *   under each deficiency: well past "just noticeable" (≈ 2) for thin lines at a distance;
 * - a chart mark has ≥ 3:1 contrast against the canvas backgrounds (WCAG 1.4.11);
 * - a sequential map, sampled at 9 steps, keeps its lightness strictly monotone and
 *   neighbouring steps ≥ 3 apart (a few just-noticeable differences; viridis' closest ninths,
 *   at its yellow end under protanopia, are ≈ 4.4) under each deficiency: its order still reads;
 * - a diverging map keeps neighbouring steps ≥ 3 apart, and each value ≥ 10 away from its
 *   mirror image across the midpoint (the sign still reads).
 */

const ROOT = join(import.meta.dirname, '../../..');
const CATEGORY_MIN_DE = 10;
const STEP_MIN_DE = 3;
const MIRROR_MIN_DE = 10;
const MARK_MIN_CONTRAST = 3;
/** The backgrounds the demos draw on: white plots and the slide's paper. */
const BACKGROUNDS = ['#ffffff', '#fdfcf8'];

const VISIONS: Record<string, (c: string) => Color> = {
  normal: (c) => lab(c)!,
  protanopia: (c) => filterDeficiencyProt(1)(parse(c)!),
  deuteranopia: (c) => filterDeficiencyDeuter(1)(parse(c)!),
  tritanopia: (c) => filterDeficiencyTrit(1)(parse(c)!),
};
const deltaE = differenceCiede2000();

/** Colours drawn side by side in one picture, in the order they sit (neighbours are compared). */
const CATEGORY_SETS: Record<string, { colours: readonly string[]; allPairs: boolean }> = {
  'unroll: W_in, W_rec, U': { colours: [MATRIX_COLOURS.in, MATRIX_COLOURS.rec, MATRIX_COLOURS.out], allPairs: true },
  'deep-rnn: 1, 2, 3 layers': { colours: DEPTH_COLORS, allPairs: true },
  'long-lag: RNN, LSTM, GRU': { colours: Object.values(CELL_STYLE).map((s) => s.colour), allPairs: true },
  'clipping: plain, clipped': { colours: [PLAIN_STYLE.color, CLIPPED_STYLE.color], allPairs: true },
  'bptt, vanishing, bidirectional, sentiment: blue, vermillion': { colours: [PALETTE.blue, PALETTE.vermillion], allPairs: true },
  'char-hello: raise, lower': { colours: [RAISE, LOWER], allPairs: true },
  'sliding-window: window slots': { colours: SLOT_COLOURS, allPairs: false },
};

/** Every colour map the demos take from d3-scale-chromatic, by its import name. */
const COLOUR_MAPS: Record<string, { kind: 'sequential' | 'diverging'; map: (t: number) => string }> = {
  interpolateViridis: { kind: 'sequential', map: chromatic.interpolateViridis },
  interpolatePuOr: { kind: 'diverging', map: chromatic.interpolatePuOr },
};

function pairs(n: number, all: boolean): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) if (all || j === i + 1) out.push([i, j]);
  return out;
}

/** The d3-scale-chromatic maps imported by the kit and the demos, read from their sources. */
function importedColourMaps(): string[] {
  const files = [
    ...readdirSync(join(ROOT, 'src/widgets')).map((f) => join(ROOT, 'src/widgets', f)),
    ...readdirSync(join(ROOT, 'demos')).flatMap((d) => readdirSync(join(ROOT, 'demos', d)).map((f) => join(ROOT, 'demos', d, f))),
  ].filter((f) => f.endsWith('.ts'));
  const names = new Set<string>();
  for (const f of files) {
    for (const m of readFileSync(f, 'utf8').matchAll(/import\s*\{([^}]*)\}\s*from\s*'d3-scale-chromatic'/g)) {
      for (const name of m[1]!.split(',').map((s) => s.trim()).filter(Boolean)) names.add(name);
    }
  }
  return [...names].sort();
}

describe('colour maps and palettes under colour-vision deficiencies', () => {
  it('covers every colour map the demos import', () => {
    const used = importedColourMaps();
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((name) => !(name in COLOUR_MAPS))).toEqual([]);
  });

  describe.each(Object.entries(CATEGORY_SETS))('%s', (_name, { colours, allPairs }) => {
    it.each(Object.keys(VISIONS))(`keeps categories drawn together ΔE2000 ≥ ${CATEGORY_MIN_DE} in %s`, (vision) => {
      const seen = colours.map(VISIONS[vision]!);
      const close = pairs(colours.length, allPairs)
        .map(([i, j]) => ({ pair: `${colours[i]} / ${colours[j]}`, dE: deltaE(seen[i]!, seen[j]!) }))
        .filter((p) => p.dE < CATEGORY_MIN_DE);
      expect(close).toEqual([]);
    });

    it(`draws every mark at ≥ ${MARK_MIN_CONTRAST}:1 against the canvas backgrounds`, () => {
      const faint = colours.flatMap((c) => BACKGROUNDS.map((bg) => ({ c, bg, ratio: wcagContrast(c, bg) }))).filter((r) => r.ratio < MARK_MIN_CONTRAST);
      expect(faint).toEqual([]);
    });
  });

  describe.each(Object.entries(COLOUR_MAPS))('%s', (_name, { kind, map }) => {
    const samples = Array.from({ length: 9 }, (_, k) => map(k / 8));

    it.each(Object.keys(VISIONS))(`keeps neighbouring steps ΔE2000 ≥ ${STEP_MIN_DE} in %s`, (vision) => {
      const seen = samples.map(VISIONS[vision]!);
      const steps = seen.slice(1).map((c, k) => deltaE(seen[k]!, c));
      expect(Math.min(...steps)).toBeGreaterThanOrEqual(STEP_MIN_DE);
    });

    if (kind === 'sequential') {
      it.each(Object.keys(VISIONS))('keeps its lightness monotone in %s', (vision) => {
        const lightness = samples.map((c) => lab(VISIONS[vision]!(c)).l);
        const rises = lightness.slice(1).map((l, k) => l > lightness[k]!);
        expect(rises.every((r) => r === rises[0])).toBe(true);
      });
    } else {
      it.each(Object.keys(VISIONS))(`keeps each side ΔE2000 ≥ ${MIRROR_MIN_DE} from its mirror in %s`, (vision) => {
        const seen = samples.map(VISIONS[vision]!);
        const mirrors = [0, 1, 2, 3].map((k) => deltaE(seen[k]!, seen[8 - k]!));
        expect(Math.min(...mirrors)).toBeGreaterThanOrEqual(MIRROR_MIN_DE);
      });
    }
  });
});

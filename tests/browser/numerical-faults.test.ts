/**
 * Numerical faults: every demo that trains is driven to divergence, with the presenter and
 * its clone open. Demos that train through the training host get the page's fault hook
 * (the next job's loss reads NaN from its third step, as when weights overflow); the
 * vanishing demo is driven to its exploding setting, and clipping's plain run to its largest
 * learning rate (its many starts are checked in Node, tests/unit/demos/clipping-divergence.test.ts).
 * Each hosted demo must say "diverged: … at step N" in its box (and the clone over its last
 * picture), stop, never draw or print NaN, and come back with its reset.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitRunning } from './demo-helpers.ts';
import {
  demoRoot,
  demoStatus,
  errorText,
  expectNothingNonFinite,
  injectTrainingFault,
  nonFiniteCanvasText,
  openFaultSession,
  stateText,
  type FaultSession,
} from './fault-session.ts';

/** The demos that train through the training host, and the button that starts their training. */
const HOSTED: readonly [string, RegExp][] = [
  ['unroll', /^train \d+ steps$/],
  ['char-hello', /^train \d+ steps$/],
  ['char-lm', /^train$/],
  ['long-lag', /^train$/],
  ['gradient-highway', /^trained weights$/],
  ['lstm-gates', /^train \d+ steps$/],
  ['gru-gates', /^train \d+ steps$/],
  ['bidirectional', /^train both$/],
  ['deep-rnn', /^train all three$/],
  ['sliding-window', /^train both$/],
  ['sentiment', /^train \d+ epochs$/],
];

let s: FaultSession;

beforeAll(async () => {
  s = await openFaultSession();
});

afterAll(async () => {
  await s?.close();
});

/** Sets a slider of the live demo to its largest position. */
async function sliderToMax(page: Page, id: string, label: string): Promise<void> {
  await demoRoot(page, id)
    .locator('.demo-slider', { hasText: label })
    .locator('input[type="range"]')
    .evaluate((input: HTMLInputElement) => {
      input.value = input.max;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    });
}

/** The demo's box in the presenter says it diverged and stopped; the clone says so over its last picture. */
async function expectDivergedAndStopped(id: string): Promise<void> {
  await expect.poll(() => errorText(s.page, id), { timeout: 60_000 }).toMatch(/: diverged: \S.* is (NaN|-?Infinity) at step \d+\. Training stopped; the demo keeps its state from step \d+\./);
  expect(await demoStatus(s.page, id)).toBe('error');
  await expect.poll(() => demoRoot(s.clone!, id).locator('.demo-note').innerText()).toMatch(/^In the presenter window: .*diverged: /);
  expect(await demoStatus(s.clone!, id)).not.toBe('error');
  await expectNothingNonFinite(s.page, id);
  expect(await nonFiniteCanvasText(s.clone!)).toEqual([]);
}

/** Reset from the error box: the demo runs again from its defaults, in both windows. */
async function resetAndCheck(id: string, initial: string): Promise<void> {
  await demoRoot(s.page, id).locator('.demo-error button', { hasText: /^reset$/ }).click();
  await waitRunning(s.page);
  await expect.poll(() => demoStatus(s.page, id)).toBe('running');
  await expect.poll(() => stateText(s.page, id)).toBe(initial);
  await expect.poll(() => stateText(s.clone!, id)).toBe(initial);
  await expect.poll(() => demoRoot(s.clone!, id).locator('.demo-note').count()).toBe(0);
  await expectNothingNonFinite(s.page, id);
}

describe('numerical faults', () => {
  it.each(HOSTED)('%s: training that diverges stops with "diverged: loss is NaN at step N", draws no NaN, and resets', async (name, train) => {
    const slide = await s.slideOf(name);
    const id = await s.idOf(name);
    expect(slide).toBeGreaterThan(0);
    await s.show(slide);
    const initial = await stateText(s.page, id);
    await injectTrainingFault(s.page, 'diverge');
    await demoRoot(s.page, id).locator('button:enabled', { hasText: train }).first().click();
    await expectDivergedAndStopped(id);
    expect(await errorText(s.page, id)).toMatch(/diverged: loss is NaN at step \d+\./);
    await resetAndCheck(id, initial);
    for (const e of s.watch.errors) expect(e).not.toMatch(new RegExp(id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
  });

  it('vanishing: the exploding regime (λ₁ = 5, linear) is drawn without NaN or Infinity', async () => {
    const slide = await s.slideOf('vanishing');
    const id = await s.idOf('vanishing');
    await s.show(slide);
    await sliderToMax(s.page, id, 'λ₁');
    await demoRoot(s.page, id).locator('.demo-select', { hasText: 'σ' }).locator('select').selectOption('linear');
    await expect.poll(async () => (JSON.parse(await stateText(s.page, id)) as { reveal: number; lambda1: number }).lambda1).toBeGreaterThanOrEqual(4.9);
    await expect.poll(() => s.page.evaluate((i) => (window as unknown as { deckDemos: { demos(): Map<string, { atRest(): boolean }> } }).deckDemos.demos().get(i)?.atRest() ?? false, id), { timeout: 60_000 }).toBe(true);
    expect(await demoStatus(s.page, id)).toBe('running');
    await expectNothingNonFinite(s.page, id);
    expect(await nonFiniteCanvasText(s.clone!)).toEqual([]);
  });

  it('clipping: plain descent at the largest learning rate is thrown out, says so in words, stops, and restarts', async () => {
    const slide = await s.slideOf('clipping');
    const id = await s.idOf('clipping');
    await s.show(slide);
    await sliderToMax(s.page, id, 'learning rate');
    await expect.poll(async () => (JSON.parse(await stateText(s.page, id)) as { lr: number }).lr).toBeGreaterThanOrEqual(1.99);
    // At this rate plain descent from the slide's first three Random starts (seeds 1 to 3)
    // lands in the basin; the fourth (seed 4) is thrown out of the window at step 29.
    for (let press = 0; press < 4; press++) await demoRoot(s.page, id).locator('button', { hasText: /^Random start$/ }).click();
    await expect.poll(async () => (JSON.parse(await stateText(s.page, id)) as { seed: number }).seed).toBe(5);
    // The run plays its steps and comes to rest at the last one.
    await expect.poll(async () => (JSON.parse(await stateText(s.page, id)) as { playing: boolean }).playing, { timeout: 60_000 }).toBe(false);
    const said = (page: Page) => demoRoot(page, id).locator('canvas[role="img"]').first().getAttribute('aria-label');
    await expect.poll(() => said(s.page)).toMatch(/plain[^.;]*(left the window at step \d+|diverged at step \d+)/i);
    await expect.poll(() => said(s.clone!)).toMatch(/plain[^.;]*(left the window at step \d+|diverged at step \d+)/i);
    expect(await demoStatus(s.page, id)).toBe('running');
    await expectNothingNonFinite(s.page, id);
    expect(await nonFiniteCanvasText(s.clone!)).toEqual([]);
    await demoRoot(s.page, id).locator('button', { hasText: /^Restart$/ }).click();
    await expect.poll(async () => (JSON.parse(await stateText(s.page, id)) as { step: number }).step).toBeLessThan(40);
  });
});

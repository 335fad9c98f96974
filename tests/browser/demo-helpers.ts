import type { Page } from 'playwright-core';
import { waitForIndex } from './deck-page.ts';

export const DEMO_ID = 'demo-unroll';

export async function goto(page: Page, base: string, slide: number): Promise<void> {
  // The hash of a key press is written once its slide is painted (url-state.ts; 250 ms at most
  // in a window without frames). Set before that, a hash equal to the one still in the
  // address would change nothing and then be overwritten.
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0)));
        setTimeout(resolve, 300);
      }),
  );
  await page.evaluate((n) => {
    location.hash = `#${n}`;
  }, slide);
  await waitForIndex(page, slide - 1);
}

/** The state the runtime holds for a demo (what it syncs and bookmarks). */
export function demoState(page: Page, id = DEMO_ID): Promise<unknown> {
  return page.evaluate((i) => {
    const runtime = (window as unknown as { deckDemos: { demos(): Map<string, { state: unknown }> } }).deckDemos;
    return JSON.parse(JSON.stringify(runtime.demos().get(i)?.state ?? null)) as unknown;
  }, id);
}

export function liveRoot(page: Page) {
  return page.locator('.remark-slides-area .remark-visible .demo-root');
}

/** A demo's data-demo-metric, parsed: the demo with this id, else the shown slide's live demo. */
export async function metricOf<T>(page: Page, id?: string): Promise<T> {
  const root = id === undefined ? liveRoot(page) : page.locator(`.remark-slides-area .demo-root[data-demo-id="${id}"]`);
  return JSON.parse((await root.getAttribute('data-demo-metric')) ?? 'null') as T;
}

export async function waitRunning(page: Page): Promise<void> {
  await page.waitForSelector('.remark-slides-area .remark-visible .demo-root[data-demo-status="running"]', { timeout: 60_000 });
}

export function tfMemory(page: Page): Promise<number | null> {
  return page.evaluate(() => (window as unknown as { deckDemos: { tfMemory(): Promise<number | null> } }).deckDemos.tfMemory());
}

/** Every canvas of the shown slide's live demo, as data URLs: two windows' pictures compared at rest. */
export const allCanvases = (page: Page): Promise<string> => liveRoot(page).evaluate((root) => [...root.querySelectorAll('canvas')].map((c) => c.toDataURL()).join('|'));

export function canvasPixels(page: Page): Promise<string> {
  return page.locator('.remark-slides-area .remark-visible .demo-root canvas').first().evaluate((c) => (c as HTMLCanvasElement).toDataURL());
}

/** Whether a demo has drawn its last state and nothing moves: pictures of two windows are compared only then. */
export function atRest(page: Page, id = DEMO_ID): Promise<boolean> {
  return page.evaluate((i) => {
    const runtime = (window as unknown as { deckDemos: { demos(): Map<string, { atRest(): boolean }> } }).deckDemos;
    return runtime.demos().get(i)?.atRest() ?? false;
  }, id);
}

/** Demos of slides the lecture has left are freed just after the new slide is painted. */
export async function waitUnmounted(page: Page, id = DEMO_ID): Promise<void> {
  await page.waitForFunction((i) => !document.querySelector(`.remark-slides-area .demo-root[data-demo-id="${i}"]`), id, { timeout: 10_000 });
}

/** Presses the unroll demo's train button and waits until the training worker's result is the demo's state. */
export async function trainOnce(page: Page, id = DEMO_ID): Promise<void> {
  const before = ((await demoState(page, id)) as { trainSteps: number }).trainSteps;
  await liveRoot(page).locator('button', { hasText: 'train' }).click();
  await page.waitForFunction(
    ([i, b]) => {
      const runtime = (window as unknown as { deckDemos: { demos(): Map<string, { state: { trainSteps?: number } | undefined }> } }).deckDemos;
      return (runtime.demos().get(i as string)?.state?.trainSteps ?? 0) > (b as number);
    },
    [id, before] as const,
    { timeout: 30_000 },
  );
}

import type { Page } from 'playwright-core';
import { demoState } from './demo-helpers.ts';
import { openPresenterSession, type LectureSession } from './presenter-session.ts';

/** A presenter window with its clone open, on the slide of one demo. */
export type Lecture = LectureSession & { slide: number; id: string };

export async function openLecture(name: string): Promise<Lecture> {
  const session = await openPresenterSession();
  const slide = await session.slideOf(name);
  if (slide < 1) throw new Error(`no slide holds the ${name} demo`);
  const id = await session.idOf(name);
  await session.show(slide);
  return Object.assign(session, { slide, id });
}

/** Waits until a field of the demo's state satisfies a predicate (polled in the page). */
export async function waitState<S>(page: Page, id: string, ok: (s: S) => boolean, timeout = 120_000): Promise<S> {
  const t0 = Date.now();
  for (;;) {
    const s = (await demoState(page, id)) as S;
    if (s && ok(s)) return s;
    if (Date.now() - t0 > timeout) throw new Error(`state never satisfied the condition; last: ${JSON.stringify(s).slice(0, 300)}`);
    await page.waitForTimeout(200);
  }
}


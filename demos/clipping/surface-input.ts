/**
 * The surface takes a start point from the pointer (click) or the keyboard (arrow keys move
 * a cursor, Enter starts both runs there, Escape drops the cursor).
 */
import type { DemoSetup } from '../../src/widgets/contract.ts';
import type { Point } from './model.ts';

/** Arrow keys move the cursor by this much in w and b (a fifth of it with Shift). */
const CURSOR_STEP = 0.1;

interface Located {
  start: [number, number];
  cursor: [number, number] | null;
}

export function bindSurfaceInput<S extends Located>(
  target: HTMLCanvasElement,
  o: {
    pointAt(clientX: number, clientY: number): Point | null;
    listen: DemoSetup<unknown, S>['listen'];
    state(): S;
    update(next: S): void;
    startAt(s: S, at: readonly [number, number]): S;
    inside(w: number, b: number): [number, number];
  },
): void {
  target.tabIndex = 0;
  target.style.cursor = 'crosshair';
  target.title = 'Click a start point, or use the arrow keys and Enter';
  o.listen(target, 'click', (e) => {
    const p = o.pointAt(e.clientX, e.clientY);
    if (p) o.update(o.startAt(o.state(), [p.w, p.b]));
  });
  o.listen(target, 'keydown', (e) => {
    const s = o.state();
    const d = e.shiftKey ? CURSOR_STEP / 5 : CURSOR_STEP;
    const move = ({ ArrowLeft: [-d, 0], ArrowRight: [d, 0], ArrowUp: [0, d], ArrowDown: [0, -d] } as Record<string, [number, number]>)[e.key];
    const cursor = s.cursor ?? s.start;
    if (move) o.update({ ...s, cursor: o.inside(cursor[0] + move[0], cursor[1] + move[1]) });
    // The start marker takes the cursor's place; the next arrow key picks it up from there.
    else if (e.key === 'Enter' || e.key === ' ') o.update(o.startAt(s, cursor));
    else if (e.key === 'Escape' && s.cursor) o.update({ ...s, cursor: null });
    else return;
    e.preventDefault();
  });
}

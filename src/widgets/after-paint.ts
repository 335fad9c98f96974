/**
 * Runs `fn` once the next frame is painted: work that a slide change or a key press can leave
 * for later (mounting ahead, snapshots, a demo's first draw, laying out the next slide) then
 * does not lengthen the frame that answers the key.
 */
export function afterPaint(fn: () => void): void {
  requestAnimationFrame(() => setTimeout(fn, 0));
}

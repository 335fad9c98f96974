/**
 * The built deck ships its figures in their own chunk so the first slide paints sooner;
 * this swaps them in wherever remark put a pending placeholder (slides, notes, the
 * presenter's preview).
 */
export function fillPendingFigures(figures: Record<string, string>, scope: ParentNode = document): void {
  for (const el of scope.querySelectorAll<HTMLElement>('.deck-figure-pending')) {
    const html = figures[el.dataset.figure ?? ''];
    if (html) el.outerHTML = html;
  }
}

export function hasPendingFigures(scope: ParentNode = document): boolean {
  return scope.querySelector('.deck-figure-pending') !== null;
}

/**
 * Runs `fn` once the first slide's text has painted. Animation frames come too early for
 * that (text waits for its web font), so this waits for the browser's first-contentful-paint
 * entry, or at most FALLBACK_MS where paint timing is not available.
 */
export function afterFirstContentfulPaint(fn: () => void, fallbackMs = 2000): void {
  let done = false;
  const run = () => {
    if (done) return;
    done = true;
    fn();
  };
  if (typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes?.includes('paint')) {
    const observer = new PerformanceObserver((list) => {
      if (list.getEntriesByName('first-contentful-paint').length === 0) return;
      observer.disconnect();
      setTimeout(run, 0);
    });
    observer.observe({ type: 'paint', buffered: true });
  }
  setTimeout(run, fallbackMs);
}

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

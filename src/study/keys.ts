/**
 * The studying keys: R (reading view), O (overview and search), / (search). They are read
 * on the document, before remark's listeners on the window; keys typed into a field, a
 * demo's control or an open overlay are left alone.
 */
export interface StudyKeyActions {
  toggleReading(): void;
  overview(): void;
  search(): void;
  /** Reading view: remark's keys must not move its hidden slides (and rewrite the address) while the page scrolls. */
  keepRemarkOut: boolean;
}

const TYPING = 'input, select, textarea, [contenteditable="true"]';

export function bindStudyKeys(actions: StudyKeyActions, root: Document = document): void {
  const handle = (event: KeyboardEvent) => {
    const target = event.target as Element | null;
    if (target?.closest?.(TYPING) || target?.closest?.('.demo-root, .deck-overview')) return;
    if (event.type === 'keydown' && !event.ctrlKey && !event.metaKey && !event.altKey) {
      const key = event.key;
      const action = key === 'r' || key === 'R' ? actions.toggleReading : key === 'o' || key === 'O' ? actions.overview : key === '/' ? actions.search : null;
      if (action) {
        event.preventDefault();
        event.stopPropagation();
        action();
        return;
      }
    }
    if (actions.keepRemarkOut) event.stopPropagation();
  };
  for (const type of ['keydown', 'keypress'] as const) root.addEventListener(type, handle);
}

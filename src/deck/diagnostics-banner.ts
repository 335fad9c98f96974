import type { Diagnostic } from '../build/diagnostics.ts';
import { formatDiagnostic } from '../build/diagnostics.ts';

/**
 * In dev, problems with the slide files (a missing chapter, a bad template name) are
 * listed in a dismissible panel over the deck; the deck itself keeps running.
 */
export function showDiagnostics(diagnostics: readonly Diagnostic[], doc: Document = document): void {
  doc.querySelector('.deck-diagnostics')?.remove();
  if (diagnostics.length === 0) return;
  const panel = doc.createElement('aside');
  panel.className = 'deck-diagnostics';
  panel.setAttribute('role', 'alert');
  const close = doc.createElement('button');
  close.type = 'button';
  close.textContent = '×';
  close.title = 'Dismiss';
  close.addEventListener('click', () => panel.remove());
  const list = doc.createElement('ul');
  for (const d of diagnostics) {
    const item = doc.createElement('li');
    item.className = `deck-diagnostic-${d.level}`;
    item.textContent = formatDiagnostic(d);
    list.append(item);
  }
  panel.append(close, list);
  doc.body.append(panel);
}

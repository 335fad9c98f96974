/**
 * Notes to the viewer about the page as a whole, in one stack at the bottom left: the
 * bookmark's demo states could not be read, this browser keeps no progress, the WebGL
 * context was lost. Each says what happened and what the page did about it; the same
 * note is shown once (by its key), and each can be dismissed. Problems of one demo are
 * said in that demo's own box instead (DemoHost.note and its error box).
 */
import './page-notice.css';

function stack(doc: Document): HTMLElement {
  let box = doc.querySelector<HTMLElement>('.deck-notices');
  if (!box) {
    box = doc.createElement('div');
    box.className = 'deck-notices';
    box.setAttribute('role', 'status');
    box.setAttribute('aria-live', 'polite');
    doc.body.append(box);
  }
  return box;
}

/** Shows (or replaces) the note with this key. */
export function showPageNotice(key: string, text: string, doc: Document = document): HTMLElement {
  const box = stack(doc);
  let note = box.querySelector<HTMLElement>(`[data-notice="${CSS.escape(key)}"]`);
  if (!note) {
    note = doc.createElement('p');
    note.className = 'deck-notice';
    note.dataset.notice = key;
    const span = doc.createElement('span');
    const close = doc.createElement('button');
    close.type = 'button';
    close.textContent = '×';
    close.title = 'Dismiss';
    close.setAttribute('aria-label', 'Dismiss this note');
    const n = note;
    close.addEventListener('click', () => n.remove());
    note.append(span, close);
    box.append(note);
  }
  const span = note.querySelector('span');
  if (span) span.textContent = text;
  return note;
}

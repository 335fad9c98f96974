/**
 * The text a lecturer typed, kept in localStorage per demo id: the URL holds only small
 * states, and a paragraph with its trained weights is not small. Storage may be missing
 * or full (private windows, file:// in some browsers): then the text lives as long as the page.
 */
const PREFIX = 'rnn-deck/char-lm/';

export function loadText(id: string): string | null {
  try {
    return localStorage.getItem(PREFIX + id);
  } catch {
    return null;
  }
}

/** Whether the text was stored; without storage it is still in the state, the clone and the URL's bookmark where it fits. */
export function saveText(id: string, text: string): boolean {
  try {
    localStorage.setItem(PREFIX + id, text);
    return true;
  } catch {
    return false;
  }
}

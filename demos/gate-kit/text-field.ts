/** The editable input sequence: a text field whose valid text becomes the state's; an invalid one is explained in place. */
import { MAX_TEXT, fitsTask } from './alphabet.ts';

export function textInput(onText: (text: string) => void) {
  const wrap = document.createElement('label');
  Object.assign(wrap.style, { display: 'flex', gap: '6px', alignItems: 'center', fontSize: '13px', margin: '0 6px 6px' });
  const caption = document.createElement('span');
  caption.textContent = 'input';
  const input = document.createElement('input');
  input.type = 'text';
  input.spellcheck = false;
  input.maxLength = MAX_TEXT;
  input.setAttribute('aria-label', 'The characters the cell reads');
  Object.assign(input.style, { font: '16px "Ubuntu Mono", monospace', width: '11em' });
  const problem = document.createElement('span');
  problem.setAttribute('role', 'status');
  problem.className = 'gate-input-problem';
  Object.assign(problem.style, { color: '#B34700', fontSize: '12px' });
  wrap.append(caption, input, problem);
  input.addEventListener('input', () => {
    const ok = fitsTask(input.value);
    problem.textContent = ok ? '' : `only ( ) a . — 1 to ${MAX_TEXT} characters`;
    if (ok) onText(input.value);
  });
  return {
    element: wrap,
    input,
    /** Shows the state's text unless the person is typing into the field. */
    sync(text: string, editable: boolean): void {
      input.disabled = !editable;
      if (document.activeElement !== input && input.value !== text) {
        input.value = text;
        problem.textContent = '';
      }
    },
  };
}

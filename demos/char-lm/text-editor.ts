/**
 * The training text as a real textarea (keyboard input stays in it: the demo runtime keeps
 * its keys from the slides; Escape leaves it). A valid edit is handed on after a pause in
 * typing; a text that is too long is refused with a visible message and left as typed.
 */
export interface TextEditor {
  readonly element: HTMLElement;
  /** Shows the state's text unless the user is typing something else. */
  show(text: string): void;
  setReadOnly(readOnly: boolean): void;
}

const APPLY_AFTER_MS = 700;

export function textEditor(options: {
  rect: { x: number; y: number; width: number; height: number };
  maxLength: number;
  problem: (text: string) => string | null;
  apply: (text: string) => void;
  listen: <K extends keyof HTMLElementEventMap>(target: HTMLElement, type: K, handler: (event: HTMLElementEventMap[K]) => void) => void;
}): TextEditor & { dispose(): void } {
  const wrap = document.createElement('div');
  Object.assign(wrap.style, { position: 'absolute', left: `${options.rect.x}px`, top: `${options.rect.y}px`, width: `${options.rect.width}px`, height: `${options.rect.height}px`, display: 'flex', flexDirection: 'column', gap: '2px' });
  const label = document.createElement('label');
  label.style.font = '13px "Noto Serif", serif';
  label.style.color = '#5b6270';
  const caption = document.createElement('span');
  const area = document.createElement('textarea');
  area.className = 'char-lm-text';
  area.spellcheck = false;
  Object.assign(area.style, { flex: '1', width: '100%', boxSizing: 'border-box', resize: 'none', font: '13px/1.3 "Ubuntu Mono", monospace', color: '#1d1f24', background: '#fff', border: '1px solid #8a8f99', borderRadius: '4px', padding: '4px' });
  label.append(caption);
  const message = document.createElement('div');
  message.setAttribute('role', 'alert');
  Object.assign(message.style, { font: '13px "Noto Serif", serif', color: '#7b1d12', minHeight: '1.2em' });
  wrap.append(label, area, message);
  area.setAttribute('aria-label', 'Training text');

  let timer: ReturnType<typeof setTimeout> | undefined;
  const count = () => {
    const n = Array.from(area.value).length;
    caption.textContent = `training text: ${n} / ${options.maxLength} characters (typing restarts training)`;
    const problem = options.problem(area.value);
    message.textContent = problem ?? '';
    area.setAttribute('aria-invalid', problem ? 'true' : 'false');
    area.style.borderColor = problem ? '#c0392b' : '#8a8f99';
    return problem;
  };
  options.listen(area, 'input', () => {
    clearTimeout(timer);
    if (count()) return;
    timer = setTimeout(() => {
      timer = undefined;
      options.apply(area.value);
    }, APPLY_AFTER_MS);
  });
  options.listen(area, 'blur', () => {
    if (timer === undefined || count()) return;
    clearTimeout(timer);
    timer = undefined;
    options.apply(area.value);
  });

  return {
    element: wrap,
    show(text) {
      if (document.activeElement === area || area.value === text) return;
      area.value = text;
      count();
    },
    setReadOnly(readOnly) {
      area.readOnly = readOnly;
    },
    dispose() {
      clearTimeout(timer);
    },
  };
}

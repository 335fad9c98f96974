/** The review's text box over the demo's canvas: typing drives the demo, not the slides. */
import type { DemoSetup } from '../../src/widgets/contract.ts';

export interface TextBox {
  /** Shows a state's text (a state from the other window, a new example) unless it is already shown. */
  show(text: string): void;
}

export function textBox(
  stage: HTMLElement,
  options: { top: number; height: number; maxLength: number; enabled: boolean },
  listen: DemoSetup<unknown, unknown>['listen'],
  onText: (text: string) => void,
): TextBox {
  const input = document.createElement('input');
  input.type = 'text';
  input.className = 'sentiment-input';
  input.maxLength = options.maxLength;
  input.spellcheck = false;
  input.setAttribute('aria-label', 'A review to classify');
  input.placeholder = 'type a review';
  input.disabled = !options.enabled;
  Object.assign(input.style, {
    position: 'absolute',
    left: '8px',
    top: `${options.top}px`,
    height: `${options.height}px`,
    width: '60%',
    font: '17px "Ubuntu Mono", monospace',
    color: '#1d1f24',
    background: '#ffffff',
    border: '1.5px solid #5b6270',
    borderRadius: '4px',
    padding: '0 8px',
    zIndex: '2',
  });
  stage.append(input);
  listen(input, 'input', () => onText(input.value));
  // remark reads keys on the whole page: a letter typed here must not change the slide.
  listen(input, 'keydown', (e) => e.stopPropagation());
  listen(input, 'keypress', (e) => e.stopPropagation());
  return {
    show(text) {
      if (input.value !== text) input.value = text;
    },
  };
}

import { numberMatches, readTypedNumber } from './answers.ts';
import type { ProgressStore } from './progress-store.ts';

interface NumberCheck {
  answer: number;
  tolerance: { value: number; relative: boolean };
}

const KEY_EVENTS = ['keydown', 'keypress', 'keyup'] as const;

/**
 * The page side of the ```exercise fences (src/build/exercise-fences.ts): checks answers,
 * reveals solutions, keeps results in the progress store and shows kept results again.
 * Everything is delegated from the document, because remark copies slides (the presenter's
 * preview, a reload in dev) and the reading view clones them.
 */
export function startExercises(progress: ProgressStore, root: Document = document): { showKept(): void } {
  root.addEventListener('click', (event) => {
    const button = (event.target as Element | null)?.closest?.('button');
    const exercise = button?.closest<HTMLElement>('.exercise');
    if (!button || !exercise) return;
    if (button.classList.contains('exercise-check')) checkAnswer(exercise, progress);
    else if (button.classList.contains('exercise-reveal')) toggleSolution(exercise, button);
  });
  // Keys typed into an answer belong to it, not to the slides (remark listens on the window).
  for (const type of KEY_EVENTS) {
    root.addEventListener(type, (event) => {
      const target = event.target as Element | null;
      if (!target?.closest?.('.exercise') || !target.matches('input')) return;
      event.stopPropagation();
      if (type === 'keydown' && (event as KeyboardEvent).key === 'Enter') {
        const exercise = target.closest<HTMLElement>('.exercise');
        if (exercise) checkAnswer(exercise, progress);
      } else if (type === 'keydown' && (event as KeyboardEvent).key === 'Escape') {
        (target as HTMLElement).blur();
      }
    });
  }
  showKeptResults(progress, root);
  progress.onChange(() => showKeptResults(progress, root));
  // For exercises added to the page later (the built deck fills later slides in after its first paint).
  return { showKept: () => showKeptResults(progress, root) };
}

function checkAnswer(exercise: HTMLElement, progress: ProgressStore): void {
  const id = exercise.dataset.exerciseId ?? '';
  const kind = exercise.dataset.exerciseKind;
  const check = JSON.parse(exercise.dataset.exerciseCheck ?? '{}') as NumberCheck;
  let answer = '';
  let correct = false;
  if (kind === 'number') {
    answer = exercise.querySelector<HTMLInputElement>('.exercise-input')?.value.trim() ?? '';
    const typed = readTypedNumber(answer);
    if (answer === '' || Number.isNaN(typed)) {
      feedback(exercise, 'invalid', answer === '' ? 'Type a number first.' : `"${answer}" is not a number (write e.g. 0.25 or 2.5e-3).`);
      return;
    }
    correct = numberMatches(typed, check);
  } else if (kind === 'choice') {
    answer = exercise.querySelector<HTMLInputElement>('input[type=radio]:checked')?.value ?? '';
    if (answer === '') {
      feedback(exercise, 'invalid', 'Pick one of the choices first.');
      return;
    }
    correct = Number(answer) === check.answer;
  } else return;
  progress.setExercise(id, { correct, answer });
}

function feedback(exercise: HTMLElement, result: 'correct' | 'wrong' | 'invalid' | '', text: string): void {
  exercise.dataset.exerciseResult = result;
  const out = exercise.querySelector<HTMLElement>('.exercise-feedback');
  if (out) out.textContent = text;
}

function toggleSolution(exercise: HTMLElement, button: HTMLElement): void {
  const solution = exercise.querySelector<HTMLElement>('.exercise-solution');
  if (!solution) return;
  solution.hidden = !solution.hidden;
  button.setAttribute('aria-expanded', String(!solution.hidden));
  button.textContent = solution.hidden ? 'Show solution' : 'Hide solution';
}

/** Every copy of an exercise shows its kept answer and result; a cleared store clears them. */
function showKeptResults(progress: ProgressStore, root: Document): void {
  const kept = progress.get().exercises;
  for (const exercise of root.querySelectorAll<HTMLElement>('.exercise')) {
    const result = kept[exercise.dataset.exerciseId ?? ''];
    if (!result) {
      if (exercise.dataset.exerciseResult !== 'invalid') feedback(exercise, '', '');
      continue;
    }
    if (exercise.dataset.exerciseKind === 'number') {
      const input = exercise.querySelector<HTMLInputElement>('.exercise-input');
      if (input && input.value.trim() === '') input.value = result.answer;
    } else {
      const radio = exercise.querySelector<HTMLInputElement>(`input[type=radio][value="${CSS.escape(result.answer)}"]`);
      if (radio) radio.checked = true;
    }
    feedback(exercise, result.correct ? 'correct' : 'wrong', result.correct ? '✓ Right.' : '✗ Not quite: try again, or look at the solution.');
  }
}

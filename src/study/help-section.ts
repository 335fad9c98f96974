import type { ProgressStore } from './progress-store.ts';

/** Keys of the studying tools, as the help overlay lists them. */
export const STUDY_KEYS: readonly [string, string][] = [
  ['R', 'reading view: the lecture as one page, notes as text (again: back to the slides)'],
  ['O', 'overview of all slides by chapter, with search'],
  ['/', 'search the slides and notes'],
];

/**
 * A section of remark's help overlay (H or ?) for studying alone: the keys of the reading
 * view, overview and search, and the control that forgets the kept place and results.
 */
export function addStudyHelp(progress: ProgressStore, root: ParentNode = document): void {
  const help = root.querySelector('.remark-help-content');
  if (!help || help.querySelector('.deck-study-help')) return;
  const section = document.createElement('div');
  section.className = 'deck-study-help';
  const title = document.createElement('h2');
  title.textContent = 'Studying alone';
  const table = document.createElement('table');
  for (const [key, what] of STUDY_KEYS) {
    const row = table.insertRow();
    const k = document.createElement('span');
    k.className = 'key';
    k.textContent = key;
    row.insertCell().append(k);
    row.insertCell().textContent = what;
  }
  const line = document.createElement('p');
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'deck-clear-progress';
  button.textContent = 'Clear progress';
  button.title = 'Forget the slide you were on and your exercise and challenge results';
  const status = document.createElement('span');
  status.className = 'deck-clear-progress-status';
  status.setAttribute('role', 'status');
  const describe = () => {
    const p = progress.get();
    const done = Object.values(p.exercises).filter((e) => e.correct).length;
    status.textContent = ` kept in this browser: slide ${p.slide + 1}, ${done} exercise(s) answered right, ${Object.keys(p.challenges).length} challenge(s) met`;
  };
  button.addEventListener('click', () => {
    progress.clear();
    status.textContent = ' progress cleared';
  });
  progress.onChange(describe);
  describe();
  line.append(button, status);
  section.append(title, table, line);
  help.append(section);
}

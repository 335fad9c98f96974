import { findMath } from '../math/find-math.ts';
import { escapeHtml, renderMath } from '../math/render-math.ts';
import { lineAt } from './diagnostics.ts';
import { scanSlides } from './remark-scanner.ts';
import { NUMBER } from '../study/answers.ts';

/**
 * ```exercise fences: an exercise written for the lecture, checked in the page where it
 * can be (a number within a tolerance, one right choice) and with a worked solution
 * hidden until asked for. One `key: value` line each:
 *
 *   id: rnn-params            (required; letters, digits, -, _, .; unique in the deck)
 *   question: …               (required; inline Markdown: $math$, `code`, **bold**, *em*)
 *   answer: 37                (a number; or, with choices, the number of the right choice)
 *   tolerance: 0.5 | 2%       (absolute, or relative with %; default: exact)
 *   unit: parameters          (shown after the answer field)
 *   choice: …                 (two or more make a multiple-choice exercise)
 *   solution: …               (required; inline Markdown, shown on request)
 *
 * Without `answer` the exercise is a derivation: the student compares with the solution.
 */
export interface ExerciseFence {
  start: number;
  end: number;
  body: string;
  /** 1-based line of the opening fence; body line i is at `line + i`. */
  line: number;
}

export type ExerciseCheck =
  | { kind: 'number'; answer: number; tolerance: { value: number; relative: boolean }; unit: string }
  | { kind: 'choice'; choices: string[]; answer: number }
  | { kind: 'reveal' };

export interface Exercise {
  id: string;
  question: string;
  solution: string;
  check: ExerciseCheck;
}

export interface ExerciseProblem {
  /** 1-based line in the chapter file. */
  line: number;
  message: string;
}

const OPEN = /^ *(`{3,}|~{3,}) *exercise[ \t]*\n/;
const CLOSE = /\n?[ \t]*(`{3,}|~{3,})[ \t]*\n*$/;
const KEYS = ['id', 'question', 'answer', 'tolerance', 'unit', 'choice', 'solution'] as const;
const ID_PATTERN = /^[A-Za-z0-9][\w.-]{0,63}$/;

/** The ```exercise fences of a chapter, as remark's lexer finds fenced blocks (in slides and notes). */
export function findExerciseFences(text: string): ExerciseFence[] {
  const out: ExerciseFence[] = [];
  for (const slide of scanSlides(text)) {
    for (const t of slide.tokens) {
      if (t.type !== 'fences') continue;
      const lead = /^\n?/.exec(t.text)![0].length;
      const fence = t.text.slice(lead);
      const open = OPEN.exec(fence);
      if (!open) continue;
      const start = t.start + lead;
      const close = CLOSE.exec(fence)!;
      const bodyStart = start + open[0].length;
      out.push({
        start,
        end: start + close.index + close[0].replace(/\n*$/, '').length,
        body: text.slice(bodyStart, Math.max(bodyStart, start + close.index)),
        line: lineAt(text, start),
      });
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

/** Reads one fence body; every problem names its line in the chapter. */
export function parseExercise(fence: Pick<ExerciseFence, 'body' | 'line'>): { exercise: Exercise | null; problems: ExerciseProblem[] } {
  const problems: ExerciseProblem[] = [];
  const values = new Map<string, { raw: string; line: number }>();
  const choices: { raw: string; line: number }[] = [];
  fence.body.split('\n').forEach((text, i) => {
    const line = fence.line + 1 + i;
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const m = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(trimmed);
    if (!m) {
      problems.push({ line, message: `expected "key: value" in an exercise, got "${trimmed}"` });
      return;
    }
    const key = m[1]!;
    const raw = m[2]!.trim();
    if (!(KEYS as readonly string[]).includes(key)) {
      problems.push({ line, message: `unknown exercise key "${key}" (known: ${KEYS.join(', ')})` });
      return;
    }
    if (key === 'choice') {
      choices.push({ raw, line });
      return;
    }
    if (values.has(key)) problems.push({ line, message: `exercise key "${key}" is given twice` });
    else values.set(key, { raw, line });
  });
  const need = (key: string): string => {
    const v = values.get(key);
    if (!v || v.raw === '') problems.push({ line: v?.line ?? fence.line, message: `the exercise needs a "${key}:" line` });
    return v?.raw ?? '';
  };
  const id = need('id');
  if (id && !ID_PATTERN.test(id)) problems.push({ line: values.get('id')!.line, message: `exercise id "${id}" must be 1 to 64 letters, digits, "-", "_" or "."` });
  const question = need('question');
  const solution = need('solution');
  const answer = values.get('answer');
  const tolerance = values.get('tolerance');
  const unit = values.get('unit');
  let check: ExerciseCheck = { kind: 'reveal' };
  if (choices.length > 0) {
    if (choices.length < 2) problems.push({ line: choices[0]!.line, message: 'a multiple-choice exercise needs at least two "choice:" lines' });
    if (tolerance || unit) problems.push({ line: (tolerance ?? unit)!.line, message: '"tolerance" and "unit" are for numerical answers, not multiple choice' });
    const n = answer ? Number(answer.raw) : NaN;
    if (!answer) problems.push({ line: fence.line, message: 'a multiple-choice exercise needs "answer:", the number of the right choice (1 for the first)' });
    else if (!Number.isInteger(n) || n < 1 || n > choices.length) problems.push({ line: answer.line, message: `"answer" must be the number of a choice, 1 to ${choices.length}; got "${answer.raw}"` });
    check = { kind: 'choice', choices: choices.map((c) => c.raw), answer: n };
  } else if (answer) {
    if (!NUMBER.test(answer.raw)) problems.push({ line: answer.line, message: `"answer" must be a number (like 37, -0.5 or 1e-3); got "${answer.raw}"` });
    const tol = parseTolerance(tolerance?.raw ?? '0');
    if (!tol) problems.push({ line: tolerance!.line, message: `"tolerance" must be a number ≥ 0, or a percentage like 2%; got "${tolerance!.raw}"` });
    check = { kind: 'number', answer: Number(answer.raw), tolerance: tol ?? { value: 0, relative: false }, unit: unit?.raw ?? '' };
  } else if (tolerance || unit) {
    problems.push({ line: (tolerance ?? unit)!.line, message: '"tolerance" and "unit" need an "answer:"' });
  }
  for (const [key, raw, line] of [['question', question, values.get('question')?.line], ['solution', solution, values.get('solution')?.line], ...choices.map((c) => ['choice', c.raw, c.line] as const)] as const) {
    for (const message of inlineProblems(raw)) problems.push({ line: line ?? fence.line, message: `${key}: ${message}` });
  }
  return { exercise: problems.length > 0 ? null : { id, question, solution, check }, problems };
}

function parseTolerance(raw: string): { value: number; relative: boolean } | null {
  const relative = raw.endsWith('%');
  const text = relative ? raw.slice(0, -1).trim() : raw;
  if (!NUMBER.test(text)) return null;
  const value = Number(text);
  if (!(value >= 0)) return null;
  return { value: relative ? value / 100 : value, relative };
}

function inlineProblems(text: string): string[] {
  const scan = findMath(text);
  const out = scan.problems.map((p) => p.message);
  for (const span of scan.spans) {
    const r = renderMath(span.tex, span.display);
    if (!r.ok) out.push(`KaTeX cannot render $${r.tex}$: ${r.message}`);
  }
  return out;
}

/** Inline Markdown of an exercise: formulas (KaTeX at build time), `code`, **bold**, *em*; everything else is text. */
export function renderInline(text: string): string {
  const scan = findMath(text);
  let out = '';
  let cursor = 0;
  const plain = (s: string) =>
    escapeHtml(s)
      .replace(/`([^`]+)`/g, '<code>$1</code>')
      .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
      .replace(/(^|[^*\w])\*([^*\s][^*]*)\*/g, '$1<em>$2</em>');
  for (const span of scan.spans) {
    out += plain(text.slice(cursor, span.start));
    const r = renderMath(span.tex, span.display);
    out += r.ok ? r.html : escapeHtml(text.slice(span.start, span.end));
    cursor = span.end;
  }
  return (out + plain(text.slice(cursor))).replace(/\\\$/g, '$');
}

/**
 * The HTML an exercise becomes. Spans and inline controls only: remark puts the fence's
 * place inside a paragraph, where a block element would split it. The answer rides in a
 * data attribute for the page's checker; the solution is hidden until asked for.
 */
export function exerciseHtml(exercise: Exercise, origin: string): string {
  const { id, check } = exercise;
  const e = escapeHtml;
  const attrs = [`class="exercise"`, `data-exercise-id="${e(id)}"`, `data-exercise-kind="${check.kind}"`, `data-exercise-origin="${e(origin)}"`];
  let answerPart = '';
  if (check.kind === 'number') {
    attrs.push(`data-exercise-check="${e(JSON.stringify({ answer: check.answer, tolerance: check.tolerance }))}"`);
    answerPart =
      `<label class="exercise-answer"><span class="exercise-label">Your answer</span> <input type="text" inputmode="decimal" autocomplete="off" spellcheck="false" class="exercise-input" aria-label="Answer to exercise ${e(id)}">` +
      (check.unit ? ` <span class="exercise-unit">${e(check.unit)}</span>` : '') +
      `</label> <button type="button" class="exercise-check">Check</button>`;
  } else if (check.kind === 'choice') {
    attrs.push(`data-exercise-check="${e(JSON.stringify({ answer: check.answer }))}"`);
    answerPart =
      `<span class="exercise-choices" role="radiogroup" aria-label="Choices of exercise ${e(id)}">` +
      check.choices.map((c, i) => `<label class="exercise-choice"><input type="radio" name="exercise-${e(id)}" value="${i + 1}"> ${renderInline(c)}</label>`).join('') +
      `</span> <button type="button" class="exercise-check">Check</button>`;
  }
  return (
    `<span ${attrs.join(' ')}>` +
    `<span class="exercise-question">${renderInline(exercise.question)}</span>` +
    `<span class="exercise-controls">${answerPart} <button type="button" class="exercise-reveal" aria-expanded="false">Show solution</button>` +
    ` <span class="exercise-feedback" role="status" aria-live="polite"></span></span>` +
    `<span class="exercise-solution" hidden><strong>Solution.</strong> ${renderInline(exercise.solution)}</span>` +
    `</span>`
  );
}

import { describe, expect, it } from 'vitest';
import { compileDeck } from '../../../src/build/compile-deck.ts';
import { exerciseHtml, findExerciseFences, parseExercise } from '../../../src/build/exercise-fences.ts';
import { numberMatches, readTypedNumber } from '../../../src/study/answers.ts';

const chapter = (text: string) => [{ file: 'slides/x.md', path: '/x/slides/x.md', text }];
const fence = (body: string, line = 3) => ({ body, line });

describe('exercise fences', () => {
  it('finds ```exercise fences in slides and notes, with their line', () => {
    const text = '# A\n\n```exercise\nid: a\n```\n\n???\nnotes\n\n```exercise\nid: b\n```\n\n---\n# B\n';
    const found = findExerciseFences(text);
    expect(found.map((f) => [f.line, f.body.trim()])).toEqual([
      [3, 'id: a'],
      [10, 'id: b'],
    ]);
    expect(text.slice(found[0]!.start, found[0]!.end)).toBe('```exercise\nid: a\n```');
  });

  it('reads a numerical exercise with an absolute or relative tolerance', () => {
    const a = parseExercise(fence('id: n1\nquestion: How many?\nanswer: 37\ntolerance: 0.5\nunit: parameters\nsolution: Count them.'));
    expect(a.problems).toEqual([]);
    expect(a.exercise?.check).toEqual({ kind: 'number', answer: 37, tolerance: { value: 0.5, relative: false }, unit: 'parameters' });
    const b = parseExercise(fence('id: n2\nquestion: q\nanswer: 5e-3\ntolerance: 2%\nsolution: s'));
    expect(b.exercise?.check).toEqual({ kind: 'number', answer: 0.005, tolerance: { value: 0.02, relative: true }, unit: '' });
  });

  it('reads multiple choice and derivations', () => {
    const c = parseExercise(fence('id: c\nquestion: q\nchoice: one\nchoice: $x_t$\nanswer: 2\nsolution: s'));
    expect(c.exercise?.check).toEqual({ kind: 'choice', choices: ['one', '$x_t$'], answer: 2 });
    expect(parseExercise(fence('id: d\nquestion: Derive it.\nsolution: Like this.')).exercise?.check).toEqual({ kind: 'reveal' });
  });

  it.each([
    ['id: a\nquestion: q\nanswer: 1\nsolution: s\nhint: no', 8, /unknown exercise key "hint"/],
    ['question: q\nanswer: 1\nsolution: s', 3, /needs a "id:" line/],
    ['id: a\nanswer: 1\nsolution: s', 3, /needs a "question:" line/],
    ['id: a\nquestion: q\nanswer: 1', 3, /needs a "solution:" line/],
    ['id: a b\nquestion: q\nsolution: s', 4, /exercise id "a b" must be/],
    ['id: a\nquestion: q\nanswer: about 3\nsolution: s', 6, /"answer" must be a number/],
    ['id: a\nquestion: q\nanswer: 3\ntolerance: -1\nsolution: s', 7, /"tolerance" must be a number ≥ 0/],
    ['id: a\nquestion: q\nchoice: x\nchoice: y\nanswer: 3\nsolution: s', 8, /number of a choice, 1 to 2/],
    ['id: a\nquestion: q\nchoice: x\nanswer: 1\nsolution: s', 6, /at least two "choice:"/],
    ['id: a\nquestion: q\nsolution: s\nsolution: t', 7, /"solution" is given twice/],
    ['id: a\nquestion: $\\frac{1$\nsolution: s', 5, /question: KaTeX cannot render/],
    ['id: a\nquestion: q\nsolution: s\njust text', 7, /expected "key: value"/],
  ])('reports a bad fence with its line: %j', (body, line, message) => {
    const { exercise, problems } = parseExercise(fence(body));
    expect(exercise).toBeNull();
    expect(problems.some((p) => p.line === line && message.test(p.message))).toBe(true);
  });

  it('fails the build with file:line for a bad fence and for a repeated id', () => {
    const deck = compileDeck(chapter('# A\n\n```exercise\nid: a\nquestion: q\nanswer: x\nsolution: s\n```\n\n???\nnotes here\n\n---\n# B\n\n```exercise\nid: b\nquestion: q\nsolution: s\n```\n\n```exercise\nid: b\nquestion: q\nsolution: s\n```\n'));
    const errors = deck.diagnostics.filter((d) => d.level === 'error').map((d) => `${d.file}:${d.line} ${d.message}`);
    expect(errors).toEqual([expect.stringMatching(/^slides\/x\.md:6 "answer" must be a number/), expect.stringMatching(/^slides\/x\.md:22 exercise id "b" is already used at slides\/x\.md:16/)]);
  });

  it('becomes inline HTML with math rendered, the answer for the checker and the solution hidden', () => {
    const deck = compileDeck(chapter('# A\n\n```exercise\nid: e1\nquestion: What is $x_t$?\nanswer: 2\ntolerance: 0.1\nsolution: It is **two**.\n```\n'));
    expect(deck.diagnostics).toEqual([]);
    const html = deck.fragments.find((f) => f.includes('class="exercise"'))!;
    expect(html).toContain('data-exercise-id="e1"');
    expect(html).toContain('class="katex"');
    expect(html).toContain('<span class="exercise-solution" hidden><strong>Solution.</strong> It is <strong>two</strong>.</span>');
    expect(html).not.toMatch(/<(div|p|details|form)\b/);
    expect(deck.markdown).not.toContain('```exercise');
  });

  it('shows choices as radio buttons of one group', () => {
    const { exercise } = parseExercise(fence('id: c\nquestion: q\nchoice: one\nchoice: two\nanswer: 1\nsolution: s'));
    const html = exerciseHtml(exercise!, 'slides/x.md:3');
    expect(html.match(/type="radio" name="exercise-c"/g)).toHaveLength(2);
  });
});

describe('checking typed answers', () => {
  it('reads numbers as students type them', () => {
    expect(readTypedNumber(' 0,25 ')).toBe(0.25);
    expect(readTypedNumber('2.5e-3')).toBe(0.0025);
    expect(readTypedNumber('13 600')).toBe(13600);
    expect(readTypedNumber('50%')).toBe(0.5);
    expect(readTypedNumber('about 3')).toBeNaN();
    expect(readTypedNumber('')).toBeNaN();
  });

  it('accepts within the tolerance and rejects outside it', () => {
    const abs = { answer: 0.7237, tolerance: { value: 0.001, relative: false } };
    expect(numberMatches(0.724, abs)).toBe(true);
    expect(numberMatches(0.7226, abs)).toBe(false);
    const rel = { answer: 0.005154, tolerance: { value: 0.02, relative: true } };
    expect(numberMatches(0.00515, rel)).toBe(true);
    expect(numberMatches(0.0054, rel)).toBe(false);
    const exact = { answer: 0.6, tolerance: { value: 0, relative: false } };
    expect(numberMatches(0.1 * 6, exact)).toBe(true);
    expect(numberMatches(0.61, exact)).toBe(false);
    expect(numberMatches(Number.NaN, exact)).toBe(false);
  });
});

import { BAD_INPUTS } from '../fixtures/corpus/bad-inputs.ts';

/**
 * Broken slide sources, each with what the build must say about it. A case is a small
 * project: its files under slides/ (order.txt is written from the chapter names unless the
 * case gives one), read and compiled by the real build (readDeckSources, compileDeck, the
 * demos' real schemas). `expect` lists every diagnostic the build must give, as a pattern
 * over `file:line: level: message`; a diagnostic no pattern matches fails the case too, so
 * `[]` means the deck builds clean. `shows` and `hides` are read in what the page receives
 * (remark's Markdown and the pre-rendered fragments).
 */
export interface BuildCase {
  name: string;
  /** Paths relative to slides/: text, or raw bytes for encoding cases; `order.txt: null` leaves the order file out. */
  files: Record<string, string | Uint8Array | null>;
  expect: RegExp[];
  shows?: RegExp[];
  hides?: RegExp[];
}

const deck = (text: string) => ({ 'a.md': text });
const fence = (lang: string, body: string) => `\`\`\`${lang}\n${body}\n\`\`\``;
const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...new TextEncoder().encode(p)] : p)));

/** The classes of silently wrong pages that the remark-fidelity work fixed: each stays in the corpus so none comes back. */
const FIDELITY: BuildCase[] = [
  ...BAD_INPUTS.map((b) => ({ name: `fidelity: ${b.name}`, files: deck(b.text), expect: b.expected ? [b.expected] : [] })),
  {
    name: 'fidelity: a byte-order mark before the first slide’s properties',
    files: { 'order.txt': '\uFEFFa.md\n', 'a.md': '\uFEFFclass: center\n# A\n' },
    expect: [],
    hides: [/\uFEFF/],
  },
  {
    name: 'fidelity: bytes that are not UTF-8',
    files: { 'a.md': bytes('# A\ncaf', [0xe9], '\n') },
    expect: [/^slides\/a\.md:2: error: not UTF-8 at byte 7: save the file as UTF-8$/],
  },
  {
    name: 'fidelity: an overlong UTF-8 sequence',
    files: { 'a.md': bytes('# A\n\n', [0xc0, 0xaf], '\n') },
    expect: [/^slides\/a\.md:3: error: not UTF-8 at byte 5/],
  },
  {
    name: 'fidelity: an empty chapter',
    files: { 'order.txt': 'a.md\nb.md\n', 'a.md': '# A\n', 'b.md': '\n  \n' },
    expect: [/^slides\/b\.md: warning: the chapter is empty, so it is left out/],
    shows: [/^# A\n$/],
  },
  {
    name: 'fidelity: a directory listed as a chapter',
    files: { 'order.txt': 'a.md\nsub.md\n', 'a.md': '# A\n', 'sub.md/x.md': '# X\n' },
    expect: [/^slides\/order\.txt:2: error: "sub\.md" is listed but slides\/sub\.md is a directory, not a slide file$/],
  },
  {
    name: 'fidelity: a name used twice across chapters',
    files: { 'order.txt': 'a.md\nb.md\n', 'a.md': 'name: x\n# A\n', 'b.md': 'name: x\n# B\n' },
    expect: [/^slides\/b\.md:1: error: slide name "x" is used twice \(first at slides\/a\.md:1\)/],
  },
];

const STRUCTURE: BuildCase[] = [
  { name: 'an empty deck: order.txt lists nothing', files: { 'order.txt': '# nothing yet\n' }, expect: [/^slides\/order\.txt: error: lists no chapter files$/] },
  { name: 'no order.txt at all', files: { 'order.txt': null, 'a.md': '# A\n' }, expect: [/^slides\/order\.txt: error: missing: list the chapter files here/] },
  { name: 'a chapter listed twice', files: { 'order.txt': 'a.md\na.md\n', 'a.md': '# A\n' }, expect: [/^slides\/order\.txt:2: error: "a\.md" is listed twice$/] },
  { name: 'a listed chapter that does not exist', files: { 'order.txt': 'a.md\ngone.md\n', 'a.md': '# A\n' }, expect: [/^slides\/order\.txt:2: error: "gone\.md" is listed but slides\/gone\.md does not exist$/] },
  {
    name: 'every chapter empty: the page gets a message slide',
    files: { 'a.md': '' },
    expect: [/^slides\/a\.md: warning: the chapter is empty/],
    shows: [/This deck has no slides yet/],
  },
  {
    name: 'CRLF line endings read as LF (properties, fences, notes)',
    files: { 'a.md': 'class: center\r\n# A\r\n\r\n```python\r\nx = 1\r\n```\r\n\r\n???\r\nnotes\r\n---\r\n# B\r\n' },
    expect: [],
    hides: [/\r/],
  },
  { name: 'old Mac CR-only line endings', files: { 'a.md': 'class: center\r# A\r---\r# B\r' }, expect: [], hides: [/\r/] },
  { name: 'a NUL character in a slide', files: { 'a.md': '# A\n\nbefore\u0000after\n' }, expect: [/^slides\/a\.md:3: error: control character U\+0000/] },
  { name: 'other control characters (form feed, escape)', files: { 'a.md': '# A\n\x0c\nx\x1b[31m\n' }, expect: [/^slides\/a\.md:2: error: control character U\+000C/, /^slides\/a\.md:3: error: control character U\+001B/] },
  {
    name: 'odd but valid Unicode: combining marks, emoji, right-to-left text, astral math',
    files: { 'a.md': '# Chữ tài 😳 彼女\n\nשלום and $\\mathbb{R}^{n}$ and a\u0301\u200d\n' },
    expect: [],
  },
  {
    name: 'a huge slide (5,000 lines, 400 formulas) builds',
    files: { 'a.md': `# Huge\n\n${Array.from({ length: 5000 }, (_, i) => (i % 12 === 0 ? `line ${i} with $x_{${i}}$` : `line ${i} of plain text`)).join('\n')}\n` },
    expect: [],
    shows: [/line 4999 of plain text/],
  },
];

const PROPERTIES: BuildCase[] = [
  { name: 'an unknown template', files: deck('# One\n---\n\ntemplate: invrse\n# Two\n'), expect: [/^slides\/a\.md:4: error: unknown template "invrse"/] },
  { name: 'a template named only on a later slide', files: deck('template: later\n# One\n---\nname: later\n# Two\n'), expect: [/^slides\/a\.md:1: error: unknown template "later"/] },
  { name: 'a bad layout value', files: deck('# One\n---\nlayout: two-column\n# Two\n'), expect: [/^slides\/a\.md:3: error: unknown layout "two-column": layout is "true"/] },
  { name: 'count and exclude not true or false', files: deck('count: maybe\n# One\n---\nexclude: yes\n# Two\n'), expect: [/^slides\/a\.md:1: error: count must be true or false, not "maybe"/, /^slides\/a\.md:4: error: exclude must be true or false, not "yes"/] },
  {
    name: 'a local CSS url() in background-image',
    files: deck('background-image: url(figures/bg.png)\n# A\n'),
    expect: [/^slides\/a\.md:1: error: CSS url\(figures\/bg\.png\) is not part of the build/],
  },
];

const FENCES: BuildCase[] = [
  {
    name: 'an unclosed code fence',
    files: deck('# A\n\n```python\nx = 1\n\nMore text.\n---\n# B\n'),
    expect: [/^slides\/a\.md:3: warning: this code fence is never closed on its slide/],
  },
  {
    name: 'an unclosed demo fence',
    files: deck('# A\n\n```demo:unroll\nseed: 3\n---\n# B\n'),
    expect: [/^slides\/a\.md:3: error: this demo fence is never closed on its slide/],
  },
  {
    name: 'an unclosed exercise fence',
    files: deck('# A\n\n```exercise\nid: e1\nquestion: Why?\n'),
    expect: [/^slides\/a\.md:3: error: this exercise fence is never closed on its slide/],
  },
  { name: 'an unknown code language', files: deck(`# A\n\n${fence('pythn', 'x = 1')}\n`), expect: [/^slides\/a\.md:3: warning: unknown code language "pythn"/] },
];

const DEMOS: BuildCase[] = [
  {
    name: 'an unknown demo name',
    files: deck(`# A\n\n${fence('demo:unrol', 'seed: 1')}\n`),
    expect: [/^slides\/a\.md:3: warning: unknown demo "unrol" \(known: .*unroll/],
    shows: [/class="deck-error demo-error" role="alert"><strong>slides\/a\.md:3<\/strong>: unknown demo &#34;unrol&#34;|unknown demo "unrol"/],
  },
  { name: 'a demo fence without a name', files: deck(`# A\n\n${fence('demo:', 'seed: 1')}\n`), expect: [/^slides\/a\.md:3: warning: demo fence without a name/] },
  { name: 'a parameter line without a colon', files: deck(`# A\n\n${fence('demo:unroll', 'seed 3')}\n`), expect: [/^slides\/a\.md:4: warning: expected "key: value", got "seed 3"/] },
  { name: 'an unknown parameter', files: deck(`# A\n\n${fence('demo:unroll', 'seed: 3\nhiden: 4')}\n`), expect: [/^slides\/a\.md:5: warning: unknown parameter "hiden" for demo "unroll" \(known: text, hidden, seed, and id, challenge\)/] },
  { name: 'a parameter out of range', files: deck(`# A\n\n${fence('demo:unroll', 'hidden: 99')}\n`), expect: [/^slides\/a\.md:4: warning: "hidden" must be between 2 and 8, got 99/] },
  { name: 'a negative seed', files: deck(`# A\n\n${fence('demo:unroll', 'seed: -1')}\n`), expect: [/^slides\/a\.md:4: warning: "seed" must be between 0 and 999999, got -1/] },
  { name: 'a fraction where a whole number is needed', files: deck(`# A\n\n${fence('demo:unroll', 'hidden: 2.5')}\n`), expect: [/^slides\/a\.md:4: warning: "hidden" must be a whole number, got 2\.5/] },
  { name: 'a word where a number is needed', files: deck(`# A\n\n${fence('demo:unroll', 'seed: lots')}\n`), expect: [/^slides\/a\.md:4: warning: "seed" must be a whole number, got "lots"$/] },
  { name: 'an infinite number', files: deck(`# A\n\n${fence('demo:char-lm', 'lr: 1e999')}\n`), expect: [/^slides\/a\.md:4: warning: "lr" must be a finite number, got Infinity$/] },
  { name: 'a value outside a choice', files: deck(`# A\n\n${fence('demo:char-lm', 'cell: transformer')}\n`), expect: [/^slides\/a\.md:4: warning: "cell" must be one of rnn, lstm, gru, got "transformer"/] },
  { name: 'text that breaks its pattern', files: deck(`# A\n\n${fence('demo:unroll', 'text: HELLO!')}\n`), expect: [/^slides\/a\.md:4: warning: "text" does not fit/] },
  { name: 'a parameter given twice', files: deck(`# A\n\n${fence('demo:unroll', 'seed: 1\nseed: 2')}\n`), expect: [/^slides\/a\.md:5: warning: parameter "seed" is given twice/] },
  {
    name: 'two demos with the same default id',
    files: deck(`# A\n\n${fence('demo:unroll', 'seed: 1')}\n---\n# B\n\n${fence('demo:unroll', 'seed: 1')}\n`),
    expect: [/^slides\/a\.md:9: error: demo id "a-unroll" is already used at slides\/a\.md:3/],
  },
  {
    name: 'one explicit id for two different demos',
    files: deck(`# A\n\n${fence('demo:unroll', 'id: shared')}\n---\n# B\n\n${fence('demo:vanishing', 'id: shared')}\n`),
    expect: [/^slides\/a\.md:9: error: demo id "shared" is already used at slides\/a\.md:3/],
  },
  { name: 'an id with spaces and punctuation', files: deck(`# A\n\n${fence('demo:unroll', 'id: my demo!')}\n`), expect: [/^slides\/a\.md:4: error: demo id "my demo!" must be 1 to 64 letters/] },
  { name: 'an unknown challenge id', files: deck(`# A\n\n${fence('demo:unroll', 'challenge: train-belw')}\n`), expect: [/^slides\/a\.md:4: warning: unknown challenge "train-belw" for demo "unroll" \(known: train-below\)/] },
  { name: 'an empty challenge line', files: deck(`# A\n\n${fence('demo:unroll', 'challenge: ,')}\n`), expect: [/^slides\/a\.md:4: warning: write "challenge: <id>"/] },
];

const MATH: BuildCase[] = [
  { name: 'an unterminated inline formula', files: deck('# A\n\nCosts $5 and more.\n'), expect: [/^slides\/a\.md:3: error: unterminated inline math/] },
  { name: 'an unterminated display formula', files: deck('# A\n\n$$\nx_t = 1\n---\n# B\n'), expect: [/^slides\/a\.md:3: error: unterminated display math/] },
  { name: 'a formula KaTeX cannot parse', files: deck('# A\n\nSee $\\frac{1}{$ here.\n'), expect: [/^slides\/a\.md:3: error: KaTeX cannot render \$\\frac\{1\}\{\$/] },
  { name: 'an undefined control sequence', files: deck('# A\n\n$$\\foo{x}$$\n'), expect: [/^slides\/a\.md:3: error: KaTeX cannot render \$\$\\foo\{x\}\$\$: .*Undefined control sequence/] },
  { name: 'an empty inline formula', files: deck('# A\n\nNothing: $ $.\n'), expect: [/^slides\/a\.md:3: error: empty inline math/] },
  { name: 'a broken formula in the notes', files: deck('# A\n\n???\nIn the notes: $\\left( x$.\n'), expect: [/^slides\/a\.md:4: error: KaTeX cannot render/] },
];

const EXERCISES: BuildCase[] = [
  { name: 'an exercise without an id', files: deck(`# A\n\n${fence('exercise', 'question: Why?\nsolution: Because.')}\n`), expect: [/^slides\/a\.md:3: error: the exercise needs a "id:" line/] },
  { name: 'an unknown exercise key', files: deck(`# A\n\n${fence('exercise', 'id: e1\nquestion: Why?\nhint: none\nsolution: Because.')}\n`), expect: [/^slides\/a\.md:6: error: unknown exercise key "hint"/] },
  { name: 'a numeric answer that is not a number', files: deck(`# A\n\n${fence('exercise', 'id: e1\nquestion: How many?\nanswer: twelve\nsolution: 12.')}\n`), expect: [/^slides\/a\.md:6: error: "answer" must be a number/] },
  { name: 'a bad tolerance', files: deck(`# A\n\n${fence('exercise', 'id: e1\nquestion: How many?\nanswer: 12\ntolerance: -5%\nsolution: 12.')}\n`), expect: [/^slides\/a\.md:7: error: "tolerance" must be a number ≥ 0/] },
  { name: 'a choice answer out of range', files: deck(`# A\n\n${fence('exercise', 'id: e1\nquestion: Which?\nchoice: one\nchoice: two\nanswer: 3\nsolution: Two.')}\n`), expect: [/^slides\/a\.md:8: error: "answer" must be the number of a choice, 1 to 2; got "3"/] },
  { name: 'a single choice', files: deck(`# A\n\n${fence('exercise', 'id: e1\nquestion: Which?\nchoice: one\nanswer: 1\nsolution: One.')}\n`), expect: [/^slides\/a\.md:6: error: a multiple-choice exercise needs at least two "choice:" lines/] },
  { name: 'an exercise line without a colon', files: deck(`# A\n\n${fence('exercise', 'id: e1\nquestion: Why?\njust words\nsolution: Because.')}\n`), expect: [/^slides\/a\.md:6: error: expected "key: value" in an exercise, got "just words"/] },
  {
    name: 'an exercise id used twice',
    files: deck(`# A\n\n${fence('exercise', 'id: e1\nquestion: Why?\nsolution: Because.')}\n---\n# B\n\n${fence('exercise', 'id: e1\nquestion: How?\nsolution: So.')}\n`),
    expect: [/^slides\/a\.md:11: error: exercise id "e1" is already used at slides\/a\.md:3/],
  },
  { name: 'a broken formula in an exercise question', files: deck(`# A\n\n${fence('exercise', 'id: e1\nquestion: Is $\\frac{1}{$ right?\nsolution: No.')}\n`), expect: [/^slides\/a\.md:5: error: question: KaTeX cannot render/] },
];

const HTML: BuildCase[] = [
  {
    name: 'a script element in a slide',
    files: deck('# A\n\n<script>alert(1)</script>\n'),
    expect: [/^slides\/a\.md:3: error: <script> in a slide/],
  },
  {
    name: 'an inline event handler in slide HTML',
    files: deck('# A\n\n<span onmouseover="alert(1)">hover</span>\n'),
    expect: [/^slides\/a\.md:3: error: onmouseover= in slide HTML/],
  },
  {
    name: 'a javascript: link',
    files: deck('# A\n\n<a href="javascript:alert(1)">click</a>\n'),
    expect: [/^slides\/a\.md:3: error: a javascript: URL in slide HTML/],
  },
  {
    name: 'an iframe to another site',
    files: deck('# A\n\n<iframe src="https://example.com/embed"></iframe>\n'),
    expect: [/^slides\/a\.md:3: error: <iframe src="https:\/\/example\.com\/embed"> points outside the build/],
  },
  {
    name: 'a video with a local source',
    files: deck('# A\n\n<video src="clip.mp4" controls></video>\n'),
    expect: [/^slides\/a\.md:3: error: <video src="clip\.mp4"> is not part of the build/],
  },
  {
    name: 'HTML in code and inline code is shown as text, not checked',
    files: deck('# A\n\n`<script>alert(1)</script>`\n\n```html\n<iframe src="https://example.com"></iframe>\n```\n'),
    expect: [],
  },
  {
    name: 'an ordinary link to another site is allowed',
    files: deck('# A\n\n[remark](https://github.com/gnab/remark) and <a href="https://example.com">this</a>\n'),
    expect: [],
  },
];

export const BUILD_CASES: BuildCase[] = [...FIDELITY, ...STRUCTURE, ...PROPERTIES, ...FENCES, ...DEMOS, ...MATH, ...EXERCISES, ...HTML];

import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEMO_FOLDERS } from '../demo-folders.ts';
import { describe, expect, it } from 'vitest';
import { compileDeck } from '../../src/build/compile-deck.ts';
import { readDeckSources, type ChapterSource } from '../../src/build/deck-sources.ts';
import { loadDemoSpecs } from '../../src/build/demo-specs.ts';
import { formatDiagnostic } from '../../src/build/diagnostics.ts';
import { maskCode } from '../../src/build/mask-code.ts';
import { splitSlides } from '../../src/build/slide-properties.ts';
import type { ModelSpec } from '../../src/rnn/index.ts';
import { helloExample, initParams, refForwardSequence } from '../../src/rnn/index.ts';

/**
 * Content checks for the lecture in slides/: every visible slide has notes, figures are
 * local SVGs that follow the figure rules, every topic of the lecture's arc has a slide,
 * the drafts' known errors are gone, and the deck has 60 to 110 slides. Each checker is
 * also run on a small bad fixture, so that a checker that can never fail is caught.
 */

const root = resolve(import.meta.dirname, '../..');
const slidesDir = join(root, 'slides');
const figuresDir = join(slidesDir, 'figures');

const MIN_SLIDES = 60;
// A 90-minute lecture plus its live-demo slides and the exercise slides at the chapter ends.
const MAX_SLIDES = 130;

interface Slide {
  file: string;
  line: number;
  /** Starts with `--`: an incremental step of the slide before, not a slide of its own. */
  step: boolean;
  hidden: boolean;
  /** Slide text without the notes, code included. */
  content: string;
  /** Slide text without the notes, code masked out. */
  prose: string;
  notes: string;
}

/** Splits chapters the way remark does and separates each slide's content from its notes. */
function slidesOf(chapters: ChapterSource[]): Slide[] {
  const out: Slide[] = [];
  for (const chapter of chapters) {
    const masked = maskCode(chapter.text);
    const maskedLines = masked.split('\n');
    const lines = chapter.text.split('\n');
    const chunks = splitSlides(masked);
    chunks.forEach((chunk, i) => {
      const start = chunk.line - 1;
      const end = i + 1 < chunks.length ? chunks[i + 1]!.line - 2 : lines.length;
      const raw = lines.slice(start, end);
      const rawMasked = maskedLines.slice(start, end);
      // `???` inside code is masked, so only a real notes separator is found here.
      const notesAt = rawMasked.findIndex((l) => l.trim() === '???');
      const contentEnd = notesAt < 0 ? raw.length : notesAt;
      const separator = start > 0 ? maskedLines[start - 1]!.trim() : '---';
      const prop = (key: string) => chunk.properties.get(key)?.value.toLowerCase();
      out.push({
        file: chapter.file,
        line: chunk.line,
        step: separator === '--',
        hidden: prop('layout') === 'true' || prop('exclude') === 'true',
        content: raw.slice(0, contentEnd).join('\n'),
        prose: rawMasked.slice(0, contentEnd).join('\n'),
        notes: notesAt < 0 ? '' : raw.slice(notesAt + 1).join('\n'),
      });
    });
  }
  return out;
}

const where = (s: Slide) => `${s.file}:${s.line}`;

/** Slides the audience sees, counted as remark counts them (incremental steps are not slides). */
function countSlides(slides: Slide[]): number {
  return slides.filter((s) => !s.hidden && !s.step).length;
}

/** Visible slides (and steps) whose notes hold no real text. */
function slidesWithoutNotes(slides: Slide[]): string[] {
  return slides.filter((s) => !s.hidden && (s.notes.match(/\p{L}/gu) ?? []).length < 20).map(where);
}

/** Visible slides without a `#` or `##` title line. */
function slidesWithoutTitle(slides: Slide[]): string[] {
  return slides.filter((s) => !s.hidden && !/^#{1,2} \S/m.test(s.prose)).map(where);
}

const MARKDOWN_IMAGE = /!\[([^\]\n]*)\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g;
const HTML_IMAGE = /<img\b[^>]*\bsrc\s*=\s*["']([^"']*)["']/gi;
const LOCAL_FIGURE = /^figures\/[a-z0-9][a-z0-9-]*\.svg$/;

/** Image targets that are not a local SVG figure present in slides/figures/. */
function badImageTargets(slides: Slide[], dir: string): string[] {
  const problems: string[] = [];
  for (const s of slides) {
    for (const m of s.prose.matchAll(MARKDOWN_IMAGE)) {
      const src = m[2]!;
      if (!LOCAL_FIGURE.test(src)) problems.push(`${where(s)}: ![](${src}) is not figures/<name>.svg`);
      else if (!existsSync(join(dir, src))) problems.push(`${where(s)}: ${src} does not exist`);
      if (!m[1]!.trim()) problems.push(`${where(s)}: ![](${src}) has no alt text`);
    }
    for (const m of s.prose.matchAll(HTML_IMAGE)) {
      problems.push(`${where(s)}: <img src="${m[1]}"> (draw figures as local SVG and use ![alt](figures/name.svg))`);
    }
  }
  return problems;
}

/** Problems of one SVG figure: the rules that keep figures legible and safe to clone. */
function figureProblems(name: string, svg: string): string[] {
  const problems: string[] = [];
  const open = /<svg\b[^>]*>/.exec(svg)?.[0] ?? '';
  if (!open) problems.push(`${name}: not an SVG document`);
  if (!/\bviewBox="[\d.\s-]+"/.test(open)) problems.push(`${name}: the <svg> element needs a viewBox`);
  if (/\s(width|height)="/.test(open)) problems.push(`${name}: the <svg> element must not fix its width or height`);
  if (/\sid="/.test(svg)) problems.push(`${name}: ids are duplicated by the presenter view; use none`);
  if (/url\(#/.test(svg) || /<(defs|marker|linearGradient|radialGradient|clipPath)\b/.test(svg)) {
    problems.push(`${name}: no <defs>, markers, gradients, clip paths or url(#...) references`);
  }
  if (/<image\b|href="(https?:)?\/\//.test(svg)) problems.push(`${name}: embeds or links an external image`);
  if (/<script\b/.test(svg)) problems.push(`${name}: holds a script`);
  for (const m of svg.matchAll(/font-size="([\d.]+)"/g)) {
    if (Number(m[1]) < 14) problems.push(`${name}: font-size ${m[1]} is below 14 user units`);
  }
  return problems;
}

interface Topic {
  topic: string;
  pattern: RegExp;
}

/** The lecture's arc (issue 6): each topic must appear in the content of some visible slide. */
const REQUIRED_TOPICS: Topic[] = [
  { topic: 'time-series problem', pattern: /time-series problem/i },
  { topic: 'feed-forward nets', pattern: /feed-forward/i },
  { topic: 'sliding window', pattern: /sliding window/i },
  { topic: 'windowed dataset', pattern: /windowed dataset/i },
  { topic: 'the MLP has no built-in sense of order', pattern: /no built-in sense of order/i },
  { topic: 'the idea of state', pattern: /idea of state/i },
  { topic: 'three node types', pattern: /three node types/i },
  { topic: 'shared weights', pattern: /shared weights/i },
  { topic: 'notation', pattern: /^# Notation/m },
  { topic: 'rolled RNN', pattern: /rnn-rolled\.svg/ },
  { topic: 'unrolled RNN', pattern: /unroll/i },
  { topic: 'one-to-one', pattern: /one[- ]to[- ]one/i },
  { topic: 'one-to-many', pattern: /one[- ]to[- ]many/i },
  { topic: 'many-to-one', pattern: /many[- ]to[- ]one/i },
  { topic: 'many-to-many delayed', pattern: /many[- ]to[- ]many,? delayed/i },
  { topic: 'many-to-many synchronised', pattern: /many[- ]to[- ]many,? synchroni[sz]ed/i },
  { topic: 'character-level language model', pattern: /character-level language model/i },
  { topic: 'the "hello" example', pattern: /"hello"/ },
  { topic: 'sampling at test time', pattern: /sampling at test time/i },
  { topic: 'loss over time', pattern: /loss over time/i },
  { topic: 'BPTT', pattern: /backpropagation through time \(BPTT\)/i },
  { topic: 'truncated BPTT', pattern: /truncated BPTT/i },
  { topic: 'vanishing gradient', pattern: /vanishing/i },
  { topic: 'exploding gradient', pattern: /exploding/i },
  { topic: 'Jacobian', pattern: /jacobian/i },
  { topic: 'singular value', pattern: /singular value/i },
  { topic: 'the bound (lambda_1 gamma)^(t-k)', pattern: /\(\\lambda_1\\gamma\)\^\{t-k\}/ },
  { topic: 'gradient clipping', pattern: /gradient clipping/i },
  { topic: 'error cliff', pattern: /error cliff/i },
  { topic: 'long-term dependency problem', pattern: /long-term dependency problem/i },
  { topic: 'LSTM', pattern: /long short-term memory/i },
  { topic: 'cell state', pattern: /cell state/i },
  { topic: 'gates', pattern: /^# Gates/m },
  { topic: 'forget gate', pattern: /forget gate/i },
  { topic: 'input gate', pattern: /input gate/i },
  { topic: 'candidate', pattern: /candidate/i },
  { topic: 'cell state update', pattern: /updating the cell state/i },
  { topic: 'output gate', pattern: /output gate/i },
  { topic: 'peephole connections', pattern: /peephole/i },
  { topic: 'coupled gates', pattern: /coupled forget and input gates/i },
  { topic: 'Greff et al. 2017', pattern: /Greff et al\. \(2017\)/ },
  { topic: 'Jozefowicz et al. 2015', pattern: /Jozefowicz et al\. \(2015\)/ },
  { topic: 'GRU', pattern: /gated recurrent unit/i },
  { topic: 'reset gate', pattern: /reset gate/i },
  { topic: 'update gate', pattern: /update gate/i },
  { topic: 'GRU convention (Keras)', pattern: /h_t = z_t \\odot h_\{t-1\} \+ \(1 - z_t\) \\odot \\tilde h_t/ },
  { topic: 'GRU convention (swapped)', pattern: /h_t = \(1 - z_t\) \\odot h_\{t-1\} \+ z_t \\odot \\tilde h_t/ },
  { topic: 'bidirectional RNN', pattern: /bidirectional/i },
  { topic: 'deep (stacked) RNN', pattern: /stacked/i },
  { topic: 'Keras example', pattern: /SimpleRNN\(32\)/ },
  { topic: 'TensorFlow.js twin', pattern: /tf\.sequential\(\)/ },
  { topic: 'summary', pattern: /^# Summary/m },
  { topic: 'references', pattern: /^# References/m },
  { topic: 'using this deck', pattern: /using this deck/i },
  { topic: 'presenter mode key', pattern: /presenter mode/i },
  { topic: 'cloned view', pattern: /cloned view/i },
  { topic: 'studying alone', pattern: /studying alone/i },
  { topic: 'printing', pattern: /^# Printing/m },
  { topic: '4:3 projectors', pattern: /\?ratio=4:3/ },
  // The sources' own examples, decoded.
  { topic: 'Vietnamese rhyme example (Truyện Kiều)', pattern: /Có tài mà cậy chi tài,.*Chữ tài liền với chữ/ },
  { topic: 'Vietnamese example (English)', pattern: /speak .*Vietnamese.*😳/ },
  { topic: 'translation example 1', pattern: /Tao hôn nó\. 😍.*彼女にキスした。/ },
  { topic: 'translation example 2', pattern: /Nó hôn tao\. 🙏.*彼女からキスされた。/ },
  { topic: 'worked numbers on "hello"', pattern: /^# Worked numbers/m },
  { topic: 'teacher forcing', pattern: /teacher forcing/i },
  { topic: 'exposure bias', pattern: /exposure bias/i },
  { topic: 'encoder–decoder', pattern: /^# Sequence to sequence: encoder–decoder/m },
  { topic: 'attention', pattern: /^# Attention/m },
  { topic: 'the cliff explained', pattern: /basin boundary/i },
  { topic: 'a practical recipe', pattern: /^# A practical recipe/m },
  { topic: 'GRU reset gate walkthrough', pattern: /gru-focus-r\.svg/ },
  { topic: 'GRU update gate walkthrough', pattern: /gru-focus-z\.svg/ },
  { topic: 'from the LSTM to the GRU', pattern: /^# From the LSTM to the GRU/m },
];

/** Every reference the issue names, as it must appear on the references slides. */
const REQUIRED_REFERENCES = [
  'Hopfield (1982)',
  'Rumelhart, Hinton & Williams (1986)',
  'Jordan (1986)',
  'Elman (1990)',
  'Werbos (1990)',
  'Bengio, Simard & Frasconi (1994)',
  'Pascanu, Mikolov & Bengio (2013)',
  'Hochreiter & Schmidhuber (1997)',
  'Greff, Srivastava',
  'Jozefowicz, Zaremba & Sutskever (2015)',
  'Cho, van Merriënboer',
  'Karpathy (2015)',
  'Olah (2015)',
  'Hochreiter (1991)',
  'Sutskever, Vinyals & Le (2014)',
  'Bahdanau, Cho & Bengio (2015)',
];

function missingTopics(slides: Slide[], topics: Topic[]): string[] {
  const visible = slides.filter((s) => !s.hidden).map((s) => s.content);
  return topics.filter((t) => !visible.some((c) => t.pattern.test(c))).map((t) => t.topic);
}

/** The drafts' errors (issue 6, NOTES.md) that must not come back. */
const DRAFT_ERRORS: { error: string; pattern: RegExp }[] = [
  { error: '"Lost Function"', pattern: /Lost Function/i },
  { error: '"BPPT"', pattern: /BPPT/ },
  { error: '"Reccurent"', pattern: /Reccurent/i },
  { error: '"Jozefowics"', pattern: /Jozefowics/ },
  { error: '"Vietnames" (misspelt)', pattern: /Vietnames\b/ },
  { error: 'Jacobian written without the partial sign', pattern: /\\d?frac\{\s*(\\mathbf\s*)?s_?\\?_?\{?[tk]/ },
  { error: 'lambda_1 defined as an eigenvalue', pattern: /lambda_?\\?_?1\s*=\s*\\lvert\\max.*eigen/ },
  { error: 'Mac Roman mojibake', pattern: /[√ª∫ƒ„]|·ª/ },
  { error: '"back-propagation erros"', pattern: /erros\b/ },
  { error: 'a mention of a draft (the deck speaks of RNNs, not of its own making)', pattern: /\bdrafts?\b/i },
  { error: '"can not" (write "cannot")', pattern: /\bcan not\b/i },
  { error: 'the verse misquoted ("đi với" for "liền với")', pattern: /Chữ tài đi với/ },
];

function draftErrors(slides: Slide[]): string[] {
  const problems: string[] = [];
  for (const s of slides) {
    const text = `${s.content}\n${s.notes}`;
    for (const e of DRAFT_ERRORS) if (e.pattern.test(text)) problems.push(`${where(s)}: ${e.error}`);
  }
  return problems;
}

/** Citations: each slide that cites a paper links to the references slide, in a footnote. */
function footnotesWithoutReferenceLink(slides: Slide[]): string[] {
  return slides
    .filter((s) => !s.hidden && /\.footnote\[/.test(s.prose) && /\(\d{4}\)/.test(s.prose) && !/\]\(#references\)/.test(s.prose))
    .map(where);
}

/** Slides too dense to read from the back of a room: more than 8 list items, or a table of more than 12 rows. */
const MAX_BULLETS = 8;
const MAX_TABLE_ROWS = 12;

function crowdedSlides(slides: Slide[]): string[] {
  const problems: string[] = [];
  for (const s of slides.filter((x) => !x.hidden)) {
    const lines = s.prose.split('\n');
    const bullets = lines.filter((l) => /^\s*(?:[-*+]|\d+\.)\s+\S/.test(l)).length;
    if (bullets > MAX_BULLETS) problems.push(`${where(s)}: ${bullets} list items (at most ${MAX_BULLETS})`);
    let rows = 0;
    for (const l of [...lines, '']) {
      if (/^\s*\|/.test(l)) {
        if (!/^\s*\|[\s|:-]+\|\s*$/.test(l)) rows++;
        continue;
      }
      // The header row is a row too; only the body counts.
      if (rows - 1 > MAX_TABLE_ROWS) problems.push(`${where(s)}: a table of ${rows - 1} rows (at most ${MAX_TABLE_ROWS})`);
      rows = 0;
    }
  }
  return problems;
}

interface Reference {
  /** First author's surname, e.g. "Pascanu". */
  surname: string;
  years: string[];
}

/** The entries "- [n] Surname, … (year). Title …" of the references slides. */
function referenceEntries(slides: Slide[]): Reference[] {
  return slides
    .filter((s) => /^# References/m.test(s.content))
    .flatMap((s) => [...s.content.matchAll(/^- \[\d+\] (\p{Lu}[\p{L}'’-]*)(.*)$/gmu)])
    .map((m) => ({ surname: m[1]!, years: [...m[0].matchAll(/\((\d{4})\)/g)].map((y) => y[1]!) }));
}

/**
 * Footnote citations with a `[refs]` link that name no entry of the references: each "(year)"
 * must sit in a ";"-separated part of the footnote that names a first author of that year.
 */
function unresolvedCitations(slides: Slide[], refs: Reference[]): string[] {
  const problems: string[] = [];
  for (const s of slides.filter((x) => !x.hidden)) {
    for (const line of s.prose.split('\n').filter((l) => l.includes('.footnote[') && l.includes('[[refs]]'))) {
      for (const part of line.split(';')) {
        for (const y of part.matchAll(/\((\d{4})\)/g)) {
          const ok = refs.some((r) => r.years.includes(y[1]!) && new RegExp(`(^|[^\\p{L}])${r.surname}([^\\p{L}]|$)`, 'u').test(part));
          if (!ok) problems.push(`${where(s)}: "${part.replace(/.*\.footnote\[/, '').replace(/\[\[refs\]\].*/, '').trim()}" is not in the references`);
        }
      }
    }
  }
  return problems;
}

/** The "hello" model of the worked-numbers slide: vocabulary [h, e, l, o], 3 tanh units, seed 5. */
const WORKED_HIDDEN = 3;
const WORKED_SEED = 5;

/**
 * Every decimal number of the worked-numbers slide, in reading order, as the RNN core computes
 * them: s_1 and the logits to 2 places; ŷ_1, ŷ_1 − y_1, ŷ_1 at the target, J_1, the four J_t,
 * J and ln 4 to 3 places.
 */
function workedNumbers(): string[] {
  const spec: ModelSpec = {
    input: { kind: 'onehot', vocab: 4 },
    layers: [{ cell: { kind: 'rnn', hiddenSize: WORKED_HIDDEN, activation: 'tanh' } }],
    head: { kind: 'softmax', classes: 4, at: 'every' },
  };
  const { batch } = helloExample();
  const trace = refForwardSequence(spec, initParams(spec, { seed: WORKED_SEED }), batch, 0);
  const target = batch.targetIndices![0]!;
  const p = Array.from(trace.probs[0]!);
  const f = (digits: number) => (v: number) => v.toFixed(digits);
  return [
    ...Array.from(trace.layers[0]!.fw[0]!.state).map(f(2)),
    ...Array.from(trace.outputs[0]!).map(f(2)),
    ...p.map(f(3)),
    ...p.map((v, j) => v - (j === target ? 1 : 0)).map(f(3)),
    f(3)(p[target]!),
    f(3)(trace.stepLosses[0]!),
    ...trace.stepLosses.map(f(3)),
    f(3)(trace.loss),
    f(3)(Math.log(4)),
  ];
}

const decimals = (text: string) => [...text.matchAll(/[−-]?\d+\.\d+/g)].map((m) => m[0].replace('−', '-'));

/** Where the slide's numbers differ from the computed ones; notes may only repeat computed numbers. */
function workedNumberProblems(slide: Slide, expected: string[]): string[] {
  const problems: string[] = [];
  const shown = decimals(slide.prose.replace(/^.*\.footnote\[.*$/gm, ''));
  if (shown.join(' ') !== expected.join(' ')) problems.push(`${where(slide)}: the slide shows ${shown.join(' ')}, the core computes ${expected.join(' ')}`);
  const known = new Set(expected);
  for (const n of decimals(slide.notes)) if (!known.has(n)) problems.push(`${where(slide)}: the notes say ${n}, which the core does not compute`);
  return problems;
}

function fixture(text: string, file = 'slides/fixture.md'): ChapterSource[] {
  return [{ file, path: join(root, file), text }];
}

const sources = readDeckSources(root);
const slides = slidesOf(sources.chapters);

describe('the lecture in slides/', () => {
  it('is listed in order.txt and compiles without errors or warnings (formulas, figures, templates, demos)', async () => {
    const compiled = compileDeck(sources.chapters, sources.diagnostics, await loadDemoSpecs(root, (f) => import(f)));
    const errors = compiled.diagnostics.filter((d) => d.level === 'error').map(formatDiagnostic);
    expect(errors).toEqual([]);
    // Demo fences are checked against the demos' real specs: a bad parameter is a warning, and fails here.
    const warnings = compiled.diagnostics.filter((d) => d.level === 'warning').map(formatDiagnostic);
    expect(warnings).toEqual([]);
    expect(compiled.formulaCount).toBeGreaterThan(50);
  });

  it(`has ${MIN_SLIDES} to ${MAX_SLIDES} slides`, () => {
    const n = countSlides(slides);
    expect(n).toBeGreaterThanOrEqual(MIN_SLIDES);
    expect(n).toBeLessThanOrEqual(MAX_SLIDES);
  });

  it('has presenter notes on every visible slide', () => {
    expect(slidesWithoutNotes(slides)).toEqual([]);
  });

  it('gives every visible slide a title', () => {
    expect(slidesWithoutTitle(slides)).toEqual([]);
  });

  it('uses only local SVG figures that exist', () => {
    expect(badImageTargets(slides, slidesDir)).toEqual([]);
  });

  it('draws every figure by the figure rules, and uses every figure it ships', () => {
    const files = readdirSync(figuresDir).filter((f) => !f.startsWith('.'));
    expect(files.filter((f) => !f.endsWith('.svg'))).toEqual([]);
    const problems = files.flatMap((f) => figureProblems(f, readFileSync(join(figuresDir, f), 'utf8')));
    expect(problems).toEqual([]);
    const used = new Set(slides.flatMap((s) => [...s.prose.matchAll(MARKDOWN_IMAGE)].map((m) => m[2]!.replace(/^figures\//, ''))));
    expect(files.filter((f) => !used.has(f))).toEqual([]);
  });

  it('covers every topic of the lecture arc', () => {
    expect(missingTopics(slides, REQUIRED_TOPICS)).toEqual([]);
  });

  it('lists the required references', () => {
    const refs = slides.filter((s) => /^# References/m.test(s.content)).map((s) => s.content).join('\n');
    expect(REQUIRED_REFERENCES.filter((r) => !refs.includes(r))).toEqual([]);
  });

  it('links every citation footnote to the references slide', () => {
    expect(footnotesWithoutReferenceLink(slides)).toEqual([]);
  });

  it('carries none of the drafts’ known errors', () => {
    expect(draftErrors(slides)).toEqual([]);
  });

  it('keeps every slide readable: at most 8 list items and tables of at most 12 rows', () => {
    expect(crowdedSlides(slides)).toEqual([]);
  });

  it('resolves every [refs] citation to an entry of the references', () => {
    const refs = referenceEntries(slides);
    expect(refs.length).toBeGreaterThan(20);
    expect(unresolvedCitations(slides, refs)).toEqual([]);
  });

  it('shows on the worked-numbers slide exactly the numbers the RNN core computes', () => {
    const worked = slides.filter((s) => /^# Worked numbers/m.test(s.content));
    expect(worked).toHaveLength(1);
    const slide = worked[0]!;
    expect(slide.content).toContain(`Hidden size ${WORKED_HIDDEN}`);
    expect(slide.content).toContain(`seed ${WORKED_SEED}`);
    const expected = workedNumbers();
    expect(workedNumberProblems(slide, expected)).toEqual([]);
    // The teaching point holds: the mean loss at initialisation is close to chance, ln 4.
    expect(Math.abs(Number(expected.at(-2)) - Math.log(4))).toBeLessThan(0.05);
  });

  it('places each of the demos, with at most a seed parameter', () => {
    const demos = slides.flatMap((s) => [...s.content.matchAll(/^```demo:([\w-]+)\n([\s\S]*?)^```/gm)].map((m) => ({ s, name: m[1]!, body: m[2]! })));
    expect(new Set(demos.map((d) => d.name))).toEqual(new Set(DEMO_FOLDERS));
    for (const d of demos) {
      // `id:` names the demo (kept state, bookmarks) and `challenge:` shows one of its goals; neither is a parameter.
      const params = d.body.split('\n').filter((l) => l.trim() && !/^(id|challenge):/.test(l.trim()));
      expect(params.every((l) => /^seed: \d+$/.test(l.trim())), `${where(d.s)}: ${d.name}`).toBe(true);
    }
  });
});

describe('the content checkers catch a bad deck', () => {
  const bad = slidesOf(
    fixture(
      [
        'layout: true',
        'class: middle',
        '---',
        'Untitled slide without notes',
        '---',
        '# A slide with an external image',
        '![](https://example.com/rnn.png)',
        '<img src="http://example.com/a.jpeg">',
        '![unrolled](figures/missing.svg)',
        '$\\frac{1}{$',
        '```markdown',
        '???',
        'Notes inside code are not notes.',
        '```',
        '---',
        '# Lost Function and BPPT',
        '$\\dfrac{\\mathbf s\\_t}{\\mathbf s\\_k}$',
        '.footnote[Pascanu et al. (2013)]',
        '???',
        'Short.',
        '--',
        '# Step',
        '???',
        'An incremental step with enough words in its notes to count.',
      ].join('\n'),
    ),
  );

  it('finds slides without notes, but not the layout slide', () => {
    expect(slidesWithoutNotes(bad)).toEqual(['slides/fixture.md:4', 'slides/fixture.md:6', 'slides/fixture.md:16']);
  });

  it('finds slides without a title', () => {
    expect(slidesWithoutTitle(bad)).toEqual(['slides/fixture.md:4']);
  });

  it('counts slides as remark does and rejects a short deck', () => {
    expect(countSlides(bad)).toBe(3);
    expect(countSlides(bad)).toBeLessThan(MIN_SLIDES);
  });

  it('rejects external, HTML, missing and unnamed images', () => {
    const problems = badImageTargets(bad, slidesDir);
    expect(problems.some((p) => p.includes('https://example.com/rnn.png'))).toBe(true);
    expect(problems.some((p) => p.includes('<img src="http://example.com/a.jpeg">'))).toBe(true);
    expect(problems.some((p) => p.includes('figures/missing.svg does not exist'))).toBe(true);
    expect(problems.some((p) => p.includes('has no alt text'))).toBe(true);
  });

  it('gets error diagnostics from the compiler for a bad formula and bad images', () => {
    const compiled = compileDeck(fixture('# Title\n$\\frac{1}{$\n\n![x](https://example.com/a.png)\n\n![y](figures/missing.svg)\n???\nNotes.'));
    const errors = compiled.diagnostics.filter((d) => d.level === 'error');
    expect(errors.some((d) => /KaTeX/.test(d.message))).toBe(true);
    expect(errors.some((d) => /outside the build/.test(d.message))).toBe(true);
    expect(errors.some((d) => /not found/.test(d.message))).toBe(true);
  });

  it('rejects figures that break the figure rules', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300"><defs><marker id="a"/></defs><line marker-end="url(#a)"/><text font-size="9">x</text></svg>';
    const problems = figureProblems('bad.svg', svg);
    expect(problems).toHaveLength(5);
  });

  it('reports topics that have no slide, and ignores notes', () => {
    const topics = [
      { topic: 'gradient clipping', pattern: /gradient clipping/i },
      { topic: 'external image', pattern: /external image/i },
    ];
    expect(missingTopics(bad, topics)).toEqual(['gradient clipping']);
    expect(missingTopics(slidesOf(fixture('# A\n???\ngradient clipping is only in the notes here')), topics)).toEqual(['gradient clipping', 'external image']);
  });

  it('finds the drafts’ errors', () => {
    const found = draftErrors(bad).join('\n');
    expect(found).toMatch(/Lost Function/);
    expect(found).toMatch(/BPPT/);
    expect(found).toMatch(/partial sign/);
    expect(draftErrors(slidesOf(fixture('# Ch·ªØ t√†i\n???\nMojibake in a title.')))).toEqual(['slides/fixture.md:1: Mac Roman mojibake']);
  });

  it('finds crowded slides', () => {
    const items = Array.from({ length: 9 }, (_, i) => `- item ${i}`).join('\n');
    const table = ['| a | b |', '|---|---|', ...Array.from({ length: 13 }, (_, i) => `| ${i} | x |`)].join('\n');
    const crowded = slidesOf(fixture(`# Nine\n${items}\n???\nNotes.\n---\n# Table\n${table}\n???\nNotes.\n---\n# Fine\n- one\n- two\n???\nNotes.`));
    expect(crowdedSlides(crowded)).toEqual(['slides/fixture.md:1: 9 list items (at most 8)', 'slides/fixture.md:14: a table of 13 rows (at most 12)']);
  });

  it('finds citations that name no reference', () => {
    const deck = slidesOf(
      fixture(
        [
          '# A',
          '.footnote[Pascanu et al. (2013); Smith et al. (1999); Pascanu et al. (1999) [[refs]](#references)]',
          '???',
          'Notes.',
          '---',
          '# References',
          '- [1] Pascanu, Mikolov & Bengio (2013). On the difficulty.',
          '???',
          'Notes.',
        ].join('\n'),
      ),
    );
    const refs = referenceEntries(deck);
    expect(refs).toEqual([{ surname: 'Pascanu', years: ['2013'] }]);
    expect(unresolvedCitations(deck, refs)).toEqual([
      'slides/fixture.md:1: "Smith et al. (1999)" is not in the references',
      'slides/fixture.md:1: "Pascanu et al. (1999)" is not in the references',
    ]);
  });

  it('finds a worked number that differs from the computed one, on the slide or in the notes', () => {
    const [slide] = slidesOf(fixture('# Worked numbers\n$J = 1.380 \\approx \\ln 4 = 1.386$, and −0.50\n???\nThe loss is 1.380, not 1.400.'));
    expect(workedNumberProblems(slide!, ['1.380', '1.386', '-0.50'])).toEqual(['slides/fixture.md:1: the notes say 1.400, which the core does not compute']);
    expect(workedNumberProblems(slide!, ['1.380', '1.386', '-0.51']).length).toBe(2);
  });

  it('finds a mention of a draft', () => {
    expect(draftErrors(slidesOf(fixture('# A\n???\nThe draft this came from said so.')))).toEqual([
      'slides/fixture.md:1: a mention of a draft (the deck speaks of RNNs, not of its own making)',
    ]);
  });

  it('finds citation footnotes that do not link to the references', () => {
    expect(footnotesWithoutReferenceLink(bad)).toEqual(['slides/fixture.md:16']);
  });
});

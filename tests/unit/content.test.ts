import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileDeck } from '../../src/build/compile-deck.ts';
import { readDeckSources, type ChapterSource } from '../../src/build/deck-sources.ts';
import { loadDemoSpecs } from '../../src/build/demo-specs.ts';
import { formatDiagnostic } from '../../src/build/diagnostics.ts';
import { maskCode } from '../../src/build/mask-code.ts';
import { splitSlides } from '../../src/build/slide-properties.ts';

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
const MAX_SLIDES = 110;

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
  { topic: 'order blindness of the MLP', pattern: /blind to order/i },
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
  { topic: 'Vietnamese rhyme example', pattern: /Chữ tài đi với chữ/ },
  { topic: 'Vietnamese example (English)', pattern: /speak .*Vietnamese.*😳/ },
  { topic: 'translation example 1', pattern: /Tao hôn nó\. 😍.*彼女にキスした。/ },
  { topic: 'translation example 2', pattern: /Nó hôn tao\. 🙏.*彼女からキスされる。/ },
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

  it('places each of the four demos, with only a seed parameter', () => {
    const demos = slides.flatMap((s) => [...s.content.matchAll(/^```demo:([\w-]+)\n([\s\S]*?)^```/gm)].map((m) => ({ s, name: m[1]!, body: m[2]! })));
    expect(new Set(demos.map((d) => d.name))).toEqual(new Set(['unroll', 'bptt', 'vanishing', 'clipping']));
    for (const d of demos) {
      // `id:` names the demo (kept state, bookmarks); it is not a parameter.
      const params = d.body.split('\n').filter((l) => l.trim() && !/^id:/.test(l.trim()));
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

  it('finds citation footnotes that do not link to the references', () => {
    expect(footnotesWithoutReferenceLink(bad)).toEqual(['slides/fixture.md:16']);
  });
});

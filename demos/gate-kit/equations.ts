/**
 * The equation-highlight module: a cell's equations rendered with KaTeX in the page (this
 * module loads only with a gate demo, so KaTeX's code never weighs on the deck's first
 * paint), and the term being shown highlighted wherever it appears.
 */
import katex from 'katex';
// Its own stylesheet: the deck loads KaTeX's only with the first formula it shows, which may come after this demo.
import 'katex/dist/katex.min.css';
import type { EquationLine } from './cell.ts';

const TERM = /\\term\{([A-Za-z]+)\}/g;
const termClass = (key: string) => `gate-term-${key}`;

/** `\term{f}{f_t}` becomes `\htmlClass{gate-term-f}{f_t}`: KaTeX keeps the class on the term's box. */
export function termTex(tex: string): string {
  return tex.replace(TERM, (_, key: string) => `\\htmlClass{${termClass(key)}}`);
}

/** The keys a line marks as terms, in order of appearance. */
export function termsOf(tex: string): string[] {
  return [...tex.matchAll(TERM)].map((m) => m[1]!);
}

function render(tex: string): string {
  return katex.renderToString(termTex(tex), {
    displayMode: false,
    throwOnError: true,
    strict: 'ignore',
    // Only the class command is trusted: it adds a class, nothing that loads or links.
    trust: (context) => context.command === '\\htmlClass',
    output: 'htmlAndMathml',
  });
}

export interface EquationPanel {
  readonly element: HTMLElement;
  /** Highlights line `line` and every occurrence of the term `key`. */
  highlight(line: number, key: string): void;
  /** Where each line sits, in the panel's coordinates, for hit-testing and tests. */
  lines(): HTMLElement[];
}

const LINE_ON = 'rgba(86, 180, 233, 0.22)';
const TERM_ON = '#F0E442';

export function equationPanel(equations: readonly EquationLine[], note?: string): EquationPanel {
  const element = document.createElement('div');
  element.className = 'gate-equations';
  const rows = equations.map((eq) => {
    const row = document.createElement('div');
    Object.assign(row.style, { display: 'flex', justifyContent: 'space-between', gap: '8px', padding: '2px 6px', borderRadius: '4px', alignItems: 'baseline' });
    const math = document.createElement('span');
    math.innerHTML = render(eq.tex);
    math.style.fontSize = '15px';
    const label = document.createElement('span');
    label.textContent = eq.label;
    Object.assign(label.style, { fontSize: '13px', color: '#5b6270', whiteSpace: 'nowrap' });
    row.append(math, label);
    element.append(row);
    return row;
  });
  if (note) {
    const p = document.createElement('div');
    p.className = 'gate-note';
    p.textContent = note;
    Object.assign(p.style, { fontSize: '13px', color: '#1d1f24', padding: '4px 6px 0' });
    element.append(p);
  }
  const terms = [...element.querySelectorAll<HTMLElement>('[class*="gate-term-"]')];
  let shown = '';
  return {
    element,
    highlight(line, key) {
      const id = `${line}:${key}`;
      if (id === shown) return;
      shown = id;
      rows.forEach((row, i) => (row.style.background = i === line ? LINE_ON : 'transparent'));
      for (const el of terms) {
        const on = el.classList.contains(termClass(key));
        el.style.background = on ? TERM_ON : 'transparent';
        el.style.outline = on ? '1px solid #1d1f24' : 'none';
        el.style.borderRadius = '3px';
      }
    },
    lines: () => rows,
  };
}

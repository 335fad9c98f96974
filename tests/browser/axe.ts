import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { BrowserContext, Page } from 'playwright-core';

/** axe-core's impact levels, most severe first. */
export const IMPACTS = ['critical', 'serious', 'moderate', 'minor'] as const;
export type Impact = (typeof IMPACTS)[number];

/** One element that breaks one rule, as axe reports it. */
export interface Finding {
  rule: string;
  impact: Impact;
  /** The element: its slide ("slide 12: ", when on one) and axe's selector, so an element outside the slides seen on several slides counts once. */
  target: string;
  html: string;
  help: string;
}

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/**
 * Puts axe-core in every page of the context (the clone window too) before the deck's own
 * scripts run. An init script is not subject to the page's Content-Security-Policy, so the
 * audit works under a strict policy as well.
 */
export async function addAxe(context: BrowserContext): Promise<void> {
  await context.addInitScript({ path: AXE_SOURCE });
}

/**
 * The clone is opened with window.open: its window first holds about:blank, where the init
 * script ran, and keeps that Window (and axe's idea of the document) when the deck loads in
 * it, so axe finds none of the deck's elements there. Installing axe again in the loaded page
 * mends that (evaluated code is not subject to the page's policy either).
 */
export async function reinstallAxe(page: Page): Promise<void> {
  await page.evaluate(readFileSync(AXE_SOURCE, 'utf8'));
}

/**
 * Runs axe's WCAG 2 A/AA and best-practice rules over the parts of the page named by
 * `include` (CSS selectors; the whole document when empty). Elements hidden with
 * display:none or visibility:hidden (remark's other slides) are not audited.
 */
export async function audit(page: Page, include: readonly string[] = []): Promise<Finding[]> {
  return page.evaluate(async (selectors) => {
    type AxeNode = { impact?: string; target: unknown[]; html: string; element?: Element };
    type AxeResult = { id: string; impact?: string; help: string; nodes: AxeNode[] };
    const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeResult[] }> } }).axe;
    const options = { resultTypes: ['violations'], elementRef: true, runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } };
    const run = () => {
      const present = selectors.filter((s) => document.querySelector(s));
      return axe.run(present.length ? { include: present.map((s) => [s]) } : document, options);
    };
    // A part can leave the page between finding it and axe's own lookup (the clone's "waiting"
    // mark goes when the windows pair): look again rather than fail on a part that is gone.
    let result: { violations: AxeResult[] } | undefined;
    // For every audit axe walks every element of the document (its layout grid reads each
    // one's style), and the deck's hidden slides of formulas make that most of a scoped
    // audit's time. Hidden slides are display:none, so nothing a scoped audit looks at
    // depends on them: the ones without a demo are set aside while it runs and put back in
    // place before it returns. A whole-document audit keeps them all.
    const setAside = selectors.length
      ? [...document.querySelectorAll('.remark-slides-area > .remark-slide-container:not(.remark-visible)')]
          .filter((slide) => !slide.querySelector('.demo-host'))
          .map((slide) => {
            // An empty copy holds the slide's place, so axe's selectors (nth-child) name the
            // same elements as in the whole page, and findings on different slides stay apart.
            const mark = slide.cloneNode(false) as Element;
            slide.replaceWith(mark);
            return { mark, slide };
          })
      : [];
    try {
      for (let attempt = 0; !result; attempt++) {
        try {
          result = await run();
        } catch (err) {
          if (attempt >= 2 || !String(err).includes('No elements found for include')) throw err;
        }
      }
    } finally {
      for (const { mark, slide } of setAside) mark.replaceWith(slide);
    }
    const { violations } = result;
    // axe's selectors are the shortest unique ones in the page as it was audited (with other
    // slides set aside, two slides' tables can get the same one): an element on a slide is
    // also named by its slide, so findings on different slides stay apart.
    const slideOf = (el: Element | undefined): string => {
      const slide = el?.closest('.remark-slide-container');
      if (!slide?.parentElement) return '';
      const area = slide.closest('.remark-preview-area') ? 'preview' : 'slide';
      return `${area} ${[...slide.parentElement.children].indexOf(slide) + 1}: `;
    };
    return violations.flatMap((v) =>
      v.nodes.map((n) => ({
        rule: v.id,
        impact: (n.impact ?? v.impact ?? 'minor') as 'minor',
        target: slideOf(n.element) + n.target.map(String).join(' >> '),
        html: n.html.slice(0, 160),
        help: v.help,
      })),
    );
  }, include);
}

/** Findings of one view, each element counted once however many slides showed it. */
export class FindingLog {
  private readonly seen = new Map<string, Finding & { where: string }>();

  add(where: string, findings: readonly Finding[]): void {
    for (const f of findings) {
      const key = `${f.rule}|${f.target}`;
      if (!this.seen.has(key)) this.seen.set(key, { ...f, where });
    }
  }

  count(impact: Impact): number {
    return [...this.seen.values()].filter((f) => f.impact === impact).length;
  }

  /** Counts by impact and by rule, one line: what the test prints for the closing note. */
  summary(view: string): string {
    const byRule = new Map<string, number>();
    for (const f of this.seen.values()) byRule.set(`${f.rule} (${f.impact})`, (byRule.get(`${f.rule} (${f.impact})`) ?? 0) + 1);
    const rules = [...byRule].map(([r, n]) => `${r}: ${n}`).join(', ');
    return `axe, ${view}: ${IMPACTS.map((i) => `${i} ${this.count(i)}`).join(', ')}${rules ? ` [${rules}]` : ''}`;
  }

  /** Serious and critical findings, readable in a failed assertion. */
  blocking(): string[] {
    return [...this.seen.values()].filter((f) => f.impact === 'serious' || f.impact === 'critical').map((f) => `${f.where}: ${f.rule} (${f.impact}) ${f.help}: ${f.html}`);
  }
}

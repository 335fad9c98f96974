import katex from 'katex';
import { normalizeTex } from './normalize-tex.ts';

export type RenderResult = { ok: true; html: string } | { ok: false; message: string; tex: string };

/** Macros shared by every formula of the deck, so one notation is written one way. */
export const DECK_MACROS: Record<string, string> = {
  '\\R': '\\mathbb{R}',
};

/** Renders one formula to HTML with KaTeX at build time; no KaTeX JavaScript runs in the page. */
export function renderMath(rawTex: string, display: boolean): RenderResult {
  const tex = normalizeTex(rawTex);
  try {
    const html = katex.renderToString(tex, {
      displayMode: display,
      throwOnError: true,
      strict: 'ignore',
      trust: false,
      output: 'htmlAndMathml',
      macros: { ...DECK_MACROS },
    });
    return { ok: true, html };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { ok: false, message, tex };
  }
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The red box a slide shows in place of a formula that failed, so the rest of the deck keeps working. */
export function mathErrorHtml(where: string, message: string, tex: string): string {
  return (
    `<span class="deck-error" role="alert"><strong>${escapeHtml(where)}</strong>: ` +
    `${escapeHtml(message)}<code>${escapeHtml(tex)}</code></span>`
  );
}

import 'katex/dist/katex.min.css';
import './styles/fonts.ts';
import './styles/deck.css';
import './styles/content.css';
import { diagnostics, fragments, markdown } from 'virtual:deck';
import type * as DeckModule from 'virtual:deck';
import { showDiagnostics } from './deck/diagnostics-banner.ts';
import { createDeck } from './deck/remark.ts';

/** `?ratio=4:3` switches the slide format; the cloned window opens the same URL and so matches. */
function ratioFromUrl(): '16:9' | '4:3' {
  return new URLSearchParams(location.search).get('ratio') === '4:3' ? '4:3' : '16:9';
}

const ratio = ratioFromUrl();
document.documentElement.dataset.ratio = ratio;
const deck = createDeck({ markdown, fragments, ratio });
if (import.meta.env.DEV) showDiagnostics(diagnostics);

if (import.meta.hot) {
  import.meta.hot.accept('virtual:deck', (next) => {
    if (!next) return;
    const mod = next as unknown as typeof DeckModule;
    deck.reload(mod.markdown, mod.fragments);
    showDiagnostics(mod.diagnostics);
  });
}

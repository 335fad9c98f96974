import './styles/fonts.ts';
import './styles/deck.css';
import './styles/content.css';
import './widgets/widgets.css';
import './study/study.css';
import { chapters, diagnostics, fragments, markdown } from 'virtual:deck';
import type * as DeckModule from 'virtual:deck';
import { showDiagnostics } from './deck/diagnostics-banner.ts';
import { afterFirstContentfulPaint, hasPendingFragments, LaterFragments, pendingInView } from './deck/pending-fragments.ts';
import { createDeck, isCloneWindow } from './deck/remark.ts';
import { warmNeighbours } from './deck/warm-neighbours.ts';
import { startExercises } from './study/exercises.ts';
import { addStudyHelp } from './study/help-section.ts';
import { pageStorage, ProgressStore } from './study/progress-store.ts';
import { bindStudyKeys } from './study/keys.ts';
import { Overview, overviewSlides } from './study/overview.ts';
import { addressFor, buildReadingView, isReadingView, type ReadingView } from './study/reading-view.ts';
import { resumeAndTrack } from './study/resume.ts';
import { DemoRuntime } from './widgets/runtime.ts';
import { takeStatesFromLocation } from './widgets/url-state.ts';
import { showPageNotice } from './widgets/page-notice.ts';

/** `?ratio=4:3` switches the slide format; the cloned window opens the same URL and so matches. */
function ratioFromUrl(): '16:9' | '4:3' {
  return new URLSearchParams(location.search).get('ratio') === '4:3' ? '4:3' : '16:9';
}

performance.mark('deck:script');
const ratio = ratioFromUrl();
document.documentElement.dataset.ratio = ratio;
const urlStates = takeStatesFromLocation();
const addressNamesSlide = location.hash.length > 1;
const deck = createDeck({ markdown, fragments, ratio });
const storage = pageStorage();
const keepsProgress = !isCloneWindow();
const progress = new ProgressStore(storage, undefined, (message) => {
  if (keepsProgress) showPageNotice('storage', message);
});
if (!storage && keepsProgress) showPageNotice('storage', 'Your progress is not being kept: this browser does not let the page use its storage. Your place and results last as long as this page.');
const later = new LaterFragments(() => import('virtual:deck-later').then((m) => m.fragments));
let runtime: DemoRuntime | undefined;
// The reading view lays every slide out at once: it is built from finished slides, so its scroll position holds.
if (isReadingView()) void later.load().then(() => start(openReadingView()));
else start(null);

/** Everything after the slides are made: resuming, studying, the demos; `reading` is the reading view when open. */
function start(reading: ReadingView | null): void {
  // The projector's clone follows the presenter; only the driving window resumes and keeps progress.
  if (!reading && !isCloneWindow()) resumeAndTrack({ ...deck, onShow: (h) => deck.view().onShow(h) }, progress, addressNamesSlide);
  if (!reading) warmNeighbours(deck.view());
  addStudyHelp(progress);
  const exercises = startExercises(progress);
  // Exercises on later slides arrive with their content: they show the kept results then.
  void later.filled.then(() => exercises.showKept());
  if (hasPendingFragments()) {
    // A deep link (or a resumed slide) past the first slides needs its content now; otherwise it waits for the first paint.
    if (pendingInView()) void later.load();
    else afterFirstContentfulPaint(() => void later.load());
    const loadIfShown = () => {
      if (pendingInView()) void later.load();
    };
    deck.view().onShow(loadIfShown);
    deck.view().onPresenterToggle(loadIfShown);
  }
  let overview: Overview | undefined;
  /** Built on first use: it reads every slide's text and notes, so it waits for the later slides' content. */
  const openOverview = (search: boolean) =>
    void later.load().then(() => {
      overview ??= new Overview({
        slides: overviewSlides(deck.view().slideElements(), deck.continuedSlides()),
        chapters,
        current: () => (reading ? reading.currentSlide() : deck.currentIndex()),
        jump: (index) => (reading ? reading.scrollToSlide(index) : deck.goto(index)),
      });
      overview.open(search);
    });
  bindStudyKeys({
    toggleReading: () => location.assign(addressFor(!reading, reading ? reading.currentSlide() : deck.currentIndex())),
    overview: () => openOverview(false),
    search: () => openOverview(true),
    keepRemarkOut: reading !== null,
  });
  performance.mark('deck:slides');
  if (import.meta.env.DEV) showDiagnostics(diagnostics);
  runtime = new DemoRuntime(reading?.deckView ?? deck.view(), urlStates, {
    metBefore: (demoId, challengeId) => progress.get().challenges[`${demoId}/${challengeId}`] === true,
    recordMet: (demoId, challengeId) => progress.setChallengeMet(`${demoId}/${challengeId}`),
  });
  runtime.start();
  // For scripting the deck (and the browser tests): the live demos by id.
  Object.assign(window, { deckDemos: runtime });
}

/** `?read`: the lecture as one page, on the slide the address names or where the student stopped. */
function openReadingView(): ReadingView {
  document.documentElement.classList.add('deck-reading-mode');
  // Printed, the reading view is a handout on A4; this comes after remark's slide-sized @page, so it wins.
  const page = document.createElement('style');
  page.textContent = '@page { size: A4 portrait; margin: 12mm; }';
  document.head.append(page);
  const view = buildReadingView({
    slides: deck.view().slideElements(),
    continued: deck.continuedSlides(),
    chapters,
    ratio,
    title: document.title,
  });
  view.scrollToSlide(addressNamesSlide ? deck.currentIndex() : progress.get().slide);
  view.onSlide((index) => {
    progress.setSlide(index);
    history.replaceState(null, '', `${location.pathname}${location.search}#${index + 1}`);
  });
  performance.mark('reading:first-slide');
  return view;
}
// For scripting and the browser tests: the training host API, loaded on first use.
Object.assign(window, { deckTraining: () => import('./training/index.ts') });

if (import.meta.hot) {
  import.meta.hot.accept('virtual:deck', (next) => {
    if (!next) return;
    const mod = next as unknown as typeof DeckModule;
    deck.reload(mod.markdown, mod.fragments);
    runtime?.reload();
    showDiagnostics(mod.diagnostics);
  });
}

import * as v from 'valibot';

/**
 * What a student's browser keeps between visits: the slide they were on and the results
 * of the exercises and demo challenges. One versioned JSON value in localStorage; a value
 * that does not parse, or parses into something else, is dropped with a console warning
 * and the deck starts fresh, never blank.
 */
export const PROGRESS_KEY = 'rnn-deck:progress';
export const PROGRESS_VERSION = 1;
/**
 * Where a stored value this deck cannot read is kept, untouched: it may hold a student's
 * answers from another version of the deck, and the next change would overwrite it.
 */
export const UNREADABLE_PROGRESS_KEY = `${PROGRESS_KEY}:unreadable`;

const exerciseResult = v.strictObject({
  /** Whether the last checked answer was right. */
  correct: v.boolean(),
  /** The answer as typed or chosen, so the page shows it again. */
  answer: v.pipe(v.string(), v.maxLength(200)),
});

const progressSchema = v.strictObject({
  version: v.literal(PROGRESS_VERSION),
  /** 0-based index of the last slide shown. */
  slide: v.pipe(v.number(), v.integer(), v.minValue(0)),
  exercises: v.record(v.string(), exerciseResult),
  /** Challenges met, keyed `demoId/challengeId`. */
  challenges: v.record(v.string(), v.literal(true)),
});

export type Progress = v.InferOutput<typeof progressSchema>;
export type ExerciseResult = v.InferOutput<typeof exerciseResult>;

/** The part of Storage this uses: localStorage in the page, a Map in tests. */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export const emptyProgress = (): Progress => ({ version: PROGRESS_VERSION, slide: 0, exercises: {}, challenges: {} });

/** Reads the stored progress; anything unreadable is ignored with a warning. */
export function readProgress(store: KeyValueStore | null, warn: (message: string) => void = (m) => console.warn(m)): Progress {
  if (!store) return emptyProgress();
  let raw: string | null;
  try {
    raw = store.getItem(PROGRESS_KEY);
  } catch (error) {
    warn(`stored progress cannot be read (${(error as Error).message}); starting fresh`);
    return emptyProgress();
  }
  if (raw === null) return emptyProgress();
  const ignore = (why: string): Progress => {
    let kept = '';
    try {
      store.setItem(UNREADABLE_PROGRESS_KEY, raw);
      kept = ` (kept under "${UNREADABLE_PROGRESS_KEY}")`;
    } catch {
      // Storage refuses writes: the value stays where it is until the next change.
    }
    warn(`${why}; it is ignored${kept}`);
    return emptyProgress();
  };
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return ignore(`stored progress under "${PROGRESS_KEY}" is not JSON`);
  }
  const parsed = v.safeParse(progressSchema, json);
  if (parsed.success) return parsed.output;
  const version = typeof json === 'object' && json !== null && 'version' in json ? (json as { version: unknown }).version : undefined;
  return ignore(
    version !== PROGRESS_VERSION
      ? `stored progress has version ${JSON.stringify(version)}, this deck reads version ${PROGRESS_VERSION}`
      : `stored progress under "${PROGRESS_KEY}" is malformed (${parsed.issues[0]?.message ?? 'unknown problem'})`,
  );
}

/**
 * The page's progress: read once, changed through these methods, written after each
 * change. A store that refuses writes (private mode, quota) only loses persistence, and
 * `onUnsaved` says so once, so the page can tell the student.
 */
export class ProgressStore {
  private progress: Progress;
  private readonly listeners = new Set<(p: Progress) => void>();
  private unsavedSaid = false;

  constructor(
    private readonly store: KeyValueStore | null,
    warn?: (message: string) => void,
    private readonly onUnsaved?: (message: string) => void,
  ) {
    this.progress = readProgress(store, warn);
  }

  get(): Progress {
    return this.progress;
  }

  setSlide(index: number): void {
    if (index === this.progress.slide || !Number.isInteger(index) || index < 0) return;
    this.change({ ...this.progress, slide: index });
  }

  setExercise(id: string, result: ExerciseResult): void {
    this.change({ ...this.progress, exercises: { ...this.progress.exercises, [id]: { correct: result.correct, answer: result.answer.slice(0, 200) } } });
  }

  setChallengeMet(key: string): void {
    if (this.progress.challenges[key]) return;
    this.change({ ...this.progress, challenges: { ...this.progress.challenges, [key]: true } });
  }

  /** Forgets everything: the slide, the exercises, the challenges. */
  clear(): void {
    try {
      this.store?.removeItem(PROGRESS_KEY);
      this.store?.removeItem(UNREADABLE_PROGRESS_KEY);
    } catch {
      // Nothing stored is nothing to clear.
    }
    this.progress = emptyProgress();
    for (const l of this.listeners) l(this.progress);
  }

  onChange(listener: (p: Progress) => void): void {
    this.listeners.add(listener);
  }

  private change(next: Progress): void {
    this.progress = next;
    try {
      this.store?.setItem(PROGRESS_KEY, JSON.stringify(next));
    } catch (error) {
      // Storage full or refused: the session goes on without keeping its place, and says so once.
      if (!this.unsavedSaid) {
        this.unsavedSaid = true;
        this.onUnsaved?.(`Your progress is not being kept: this browser refused to store it (${storageErrorName(error)}). Your place and results last as long as this page.`);
      }
    }
    for (const l of this.listeners) l(next);
  }
}

/** A storage error in a few words: quota, or whatever the browser called it. */
function storageErrorName(error: unknown): string {
  if (error instanceof DOMException && (error.name === 'QuotaExceededError' || error.code === 22)) return 'its storage is full';
  return error instanceof Error ? error.message || error.name : String(error);
}

/** localStorage where the page may use it (a file:// page may, a sandboxed frame may not). */
export function pageStorage(): KeyValueStore | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

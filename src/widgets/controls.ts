/**
 * Controls bound to a demo's state: a demo declares what each control reads from the state
 * and what state it makes; the runtime builds the elements, keeps them in step with every
 * state (the driver's own, or one received by the clone), makes them inert in the clone,
 * and routes their events through its error guard.
 */
import { rangeOf, type Field } from './schema.ts';
import { button, select, slider, type Control } from './ui.ts';

export type ControlSpec<S> =
  | {
      kind: 'slider';
      label: string;
      /** Range from a number field of the schema, or given. */
      field?: Field;
      range?: readonly [number, number];
      step: number;
      /** Slider position for a state, and the state for a slider position (e.g. log scales). */
      get(state: S): number;
      set(state: S, value: number): S;
      format?(value: number): string;
    }
  | {
      kind: 'select';
      label: string;
      values: readonly string[];
      /** What each value reads as in the menu, where it differs from the value. */
      labels?: Readonly<Record<string, string>>;
      get(state: S): string;
      set(state: S, value: string): S;
    }
  | { kind: 'button'; label: string | ((state: S) => string); title: string; press(state: S): S };

export interface BoundControl<S> {
  readonly element: HTMLElement;
  sync(state: S): void;
  setDisabled(disabled: boolean): void;
}

/** Writing a control costs a style and layout pass: only a value that changed is written. */
function onChange<T>(first: T, write: (value: T) => void): (value: T) => void {
  let shown = first;
  return (value) => {
    if (value === shown) return;
    shown = value;
    write(value);
  };
}

/** Builds one control; `change` receives the state it makes. */
export function bindControl<S>(spec: ControlSpec<S>, state: () => S, change: (next: S) => void): BoundControl<S> {
  switch (spec.kind) {
    case 'slider': {
      const range = spec.range ?? (spec.field ? rangeOf(spec.field) : null);
      if (!range) throw new Error(`slider "${spec.label}" needs a range or a number field`);
      const c: Control<number> = slider({
        label: spec.label,
        min: range[0],
        max: range[1],
        step: spec.step,
        value: spec.get(state()),
        format: spec.format,
        onInput: (v) => change(spec.set(state(), v)),
      });
      const write = onChange(spec.get(state()), (v: number) => c.set(v));
      return { element: c.element, sync: (s) => write(spec.get(s)), setDisabled: (d) => c.setDisabled(d) };
    }
    case 'select': {
      const c = select({ label: spec.label, values: spec.values, labels: spec.labels, value: spec.get(state()), onChange: (v) => change(spec.set(state(), v)) });
      const write = onChange(spec.get(state()), (v: string) => c.set(v));
      return { element: c.element, sync: (s) => write(spec.get(s)), setDisabled: (d) => c.setDisabled(d) };
    }
    case 'button': {
      const label = (s: S) => (typeof spec.label === 'function' ? spec.label(s) : spec.label);
      const c = button({ label: label(state()), title: spec.title, onClick: () => change(spec.press(state())) });
      const write = onChange(label(state()), (v: string) => c.set(v));
      return { element: c.element, sync: (s) => write(label(s)), setDisabled: (d) => c.setDisabled(d) };
    }
  }
}

/** Slider positions in log10 units, for settings that span orders of magnitude; values keep `digits` significant digits. */
export function logScale(range: readonly [number, number], digits = 3) {
  return {
    range: [Math.log10(range[0]), Math.log10(range[1])] as const,
    toValue: (position: number) => Math.min(range[1], Math.max(range[0], Number((10 ** position).toPrecision(digits)))),
    toPosition: (value: number) => Math.log10(value),
  };
}

/**
 * Parameter schemas of the live demos. A demo declares its schema in demos/<name>/demo.json;
 * the same validator runs at build time (a warning naming the slide file and line) and in
 * the page (an error box on the slide), so a typo never takes the deck down.
 */
export type ParamSpec =
  | { type: 'integer'; default: number; min: number; max: number; description: string }
  | { type: 'number'; default: number; min: number; max: number; description: string }
  | { type: 'string'; default: string; maxLength: number; pattern?: string; description: string }
  | { type: 'boolean'; default: boolean; description: string }
  | { type: 'enum'; default: string; values: string[]; description: string };

export type ParamSchema = Record<string, ParamSpec>;
export type ParamValue = number | string | boolean;
export type ParamValues = Record<string, ParamValue>;

/** What demos/<name>/demo.json holds. */
export interface DemoManifest {
  name: string;
  title: string;
  /** One line: what the audience sees. Shown where scripts are off and in print before a snapshot exists. */
  summary: string;
  /** Whether the demo needs TensorFlow.js (loaded lazily, backend chosen by the runtime). */
  tfjs: boolean;
  /** A tiny model may run faster on the CPU backend than on WebGL; the runtime honours this. */
  preferredBackend?: 'cpu' | 'wasm' | 'webgl';
  /** CSS height of the demo area in slide pixels (the slide is 908 px wide). */
  height: number;
  params: ParamSchema;
}

export interface ParamProblem {
  /** 1-based line inside the fence body, 0 for the whole block. */
  line: number;
  message: string;
}

/** Parses `key: value` lines of a demo fence. */
export function parseParamLines(body: string): { entries: { key: string; raw: string; line: number }[]; problems: ParamProblem[] } {
  const entries: { key: string; raw: string; line: number }[] = [];
  const problems: ParamProblem[] = [];
  body.split('\n').forEach((text, i) => {
    const line = i + 1;
    const trimmed = text.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return;
    const m = /^([A-Za-z][\w-]*)\s*:\s*(.*)$/.exec(trimmed);
    if (!m) {
      problems.push({ line, message: `expected "key: value", got "${trimmed}"` });
      return;
    }
    entries.push({ key: m[1]!, raw: m[2]!.trim(), line });
  });
  return { entries, problems };
}

export function validateParams(manifest: DemoManifest, body: string): { values: ParamValues; problems: ParamProblem[] } {
  const { entries, problems } = parseParamLines(body);
  const values: ParamValues = {};
  for (const [key, spec] of Object.entries(manifest.params)) values[key] = spec.default;
  const seen = new Set<string>();
  for (const { key, raw, line } of entries) {
    const spec = manifest.params[key];
    if (!spec) {
      const known = Object.keys(manifest.params).join(', ') || 'none';
      problems.push({ line, message: `unknown parameter "${key}" for demo "${manifest.name}" (known: ${known})` });
      continue;
    }
    if (seen.has(key)) problems.push({ line, message: `parameter "${key}" is given twice` });
    seen.add(key);
    const parsed = parseValue(key, spec, raw);
    if (typeof parsed === 'object') problems.push({ line, message: parsed.error });
    else values[key] = parsed;
  }
  return { values, problems: problems.sort((a, b) => a.line - b.line) };
}

function parseValue(key: string, spec: ParamSpec, raw: string): ParamValue | { error: string } {
  const unquoted = raw.replace(/^"(.*)"$/, '$1');
  switch (spec.type) {
    case 'integer':
    case 'number': {
      const n = Number(raw);
      if (raw === '' || !Number.isFinite(n)) return { error: `"${key}" must be a ${spec.type}, got "${raw}"` };
      if (spec.type === 'integer' && !Number.isInteger(n)) return { error: `"${key}" must be a whole number, got ${raw}` };
      if (n < spec.min || n > spec.max) return { error: `"${key}" must be between ${spec.min} and ${spec.max}, got ${raw}` };
      return n;
    }
    case 'string':
      if (unquoted.length === 0) return { error: `"${key}" must not be empty` };
      if (unquoted.length > spec.maxLength) return { error: `"${key}" must be at most ${spec.maxLength} characters, got ${unquoted.length}` };
      if (spec.pattern && !new RegExp(spec.pattern).test(unquoted)) return { error: `"${key}" must match ${spec.pattern}, got "${unquoted}"` };
      return unquoted;
    case 'boolean':
      if (raw === 'true') return true;
      if (raw === 'false') return false;
      return { error: `"${key}" must be true or false, got "${raw}"` };
    case 'enum':
      if (!spec.values.includes(unquoted)) return { error: `"${key}" must be one of ${spec.values.join(', ')}, got "${unquoted}"` };
      return unquoted;
  }
}

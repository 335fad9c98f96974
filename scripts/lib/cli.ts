import { rmSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * Parses a script's arguments with node:util's parseArgs; an unknown option, a missing
 * value or a wrong number of positionals prints the problem and the usage line, exit 2.
 */
export function parseCli<T extends NonNullable<ParseArgsConfig['options']>>(
  usage: string,
  options: T,
  positionals: { min: number; max: number },
  args: string[] = process.argv.slice(2),
) {
  try {
    const parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
    if (parsed.positionals.length < positionals.min || parsed.positionals.length > positionals.max) {
      throw new Error(`expected ${positionals.min === positionals.max ? positionals.min : `${positionals.min} to ${positionals.max}`} argument(s), got ${parsed.positionals.length}`);
    }
    return parsed;
  } catch (e) {
    console.error(`${(e as Error).message}\nusage: ${usage}`);
    process.exit(2);
  }
}

/** Removes a temporary build folder; scripts call it when they are done with one. */
export function removeTemp(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

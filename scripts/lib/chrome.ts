import { existsSync } from 'node:fs';
import { chromium, type Browser, type LaunchOptions } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/** The system Chromium: CHROME_PATH, else a Debian/Ubuntu install. No browser is ever downloaded. */
export function findChrome(): string {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH is set to ${fromEnv}, which does not exist`);
    return fromEnv;
  }
  const found = CANDIDATES.find((p) => existsSync(p));
  if (!found) {
    throw new Error(
      'No Chromium found. Install one (Debian/Ubuntu: `sudo apt-get install chromium`) or set CHROME_PATH to a Chromium or Chrome binary.',
    );
  }
  return found;
}

/** Flags that keep a headless Chromium off the network and make WebGL available through SwiftShader. */
export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-default-apps',
  '--no-first-run',
  '--disable-quic',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
];

/**
 * How the browser draws: `swiftshader` rasterises canvases and composites through a software
 * GL (what this headless setup does by default, and no user's browser does); `software` is
 * what Chromium does on a machine without a usable GPU: Skia rasterises on the CPU and WebGL
 * is absent.
 */
export type RasterMode = 'swiftshader' | 'software';
export const RASTER_MODES: readonly RasterMode[] = ['swiftshader', 'software'];

export function rasterArgs(mode: RasterMode): string[] {
  return mode === 'software' ? ['--disable-gpu'] : [];
}

export function launchChrome(options: LaunchOptions & { raster?: RasterMode } = {}): Promise<Browser> {
  const { raster = 'swiftshader', ...rest } = options;
  return chromium.launch({ executablePath: findChrome(), headless: true, ...rest, args: [...CHROME_ARGS, ...rasterArgs(raster), ...(rest.args ?? [])] });
}

/** The raster mode named by a suite's `--raster=` argument (default swiftshader); throws on an unknown one. */
export function rasterFromArgs(args: string[]): RasterMode {
  const value = args.find((a) => a.startsWith('--raster='))?.slice('--raster='.length) ?? 'swiftshader';
  if (!(RASTER_MODES as readonly string[]).includes(value)) throw new Error(`--raster must be one of ${RASTER_MODES.join(', ')}, got "${value}"`);
  return value as RasterMode;
}

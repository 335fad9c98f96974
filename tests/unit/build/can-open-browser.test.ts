import { describe, expect, it } from 'vitest';
import { canOpenBrowser } from '../../../src/build/can-open-browser.ts';

describe('npm start opening a browser', () => {
  it('opens one only where a display exists', () => {
    expect(canOpenBrowser({}, 'linux')).toBe(false);
    expect(canOpenBrowser({ DISPLAY: ':0' }, 'linux')).toBe(true);
    expect(canOpenBrowser({ WAYLAND_DISPLAY: 'wayland-0' }, 'linux')).toBe(true);
    expect(canOpenBrowser({}, 'darwin')).toBe(true);
    expect(canOpenBrowser({ CI: 'true' }, 'win32')).toBe(false);
  });
});

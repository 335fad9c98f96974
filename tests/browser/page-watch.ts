import type { Page } from 'playwright-core';

/**
 * Records what a user would call a broken page: console errors, uncaught exceptions,
 * and any request that leaves the deck's own origin (or, from file://, any request at all
 * besides the file itself).
 */
export class PageWatch {
  readonly errors: string[] = [];
  readonly foreignRequests: string[] = [];

  constructor(page: Page, allowedPrefix: string) {
    page.on('console', (m) => {
      if (m.type() === 'error') this.errors.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => this.errors.push(`pageerror: ${e.message}`));
    page.on('request', (r) => {
      const url = r.url();
      if (url.startsWith('data:') || url.startsWith('blob:')) return;
      if (!url.startsWith(allowedPrefix)) this.foreignRequests.push(url);
    });
  }
}

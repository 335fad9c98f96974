import type { Browser, BrowserContext } from 'playwright-core';

/**
 * Content-Security-Policy violations in every page and window a browser test opens.
 *
 * Each context gets a `securitypolicyviolation` listener in every document before the
 * deck's own script runs (an init script, so the clone window that `C` opens is covered
 * from its first line too), and every console message in which Chromium reports a blocked
 * load, including those of workers, which have no document to listen on. Violations are
 * collected here; `tests/browser/csp-setup.ts` fails the test during which one arrived.
 */
const BINDING = '__deckCspViolation';
const found: string[] = [];
const watched = new WeakSet<BrowserContext>();

interface ViolationReport {
  url: string;
  directive: string;
  blocked: string;
  source: string;
  sample: string;
}

/** The violations reported since the last call (and forgets them). */
export function takeCspViolations(): string[] {
  return found.splice(0);
}

/** Installs the watch on a context (once; later calls do nothing). */
export async function watchCsp(context: BrowserContext): Promise<void> {
  if (watched.has(context)) return;
  watched.add(context);
  context.on('console', (message) => {
    const text = message.text();
    if (/Content[- ]Security[- ]Policy/i.test(text)) found.push(`console (${message.type()}) at ${message.location().url}: ${text}`);
  });
  await context.exposeBinding(BINDING, (_source, report: ViolationReport) => {
    found.push(`${report.directive} blocked ${report.blocked || '(inline)'} in ${report.url} at ${report.source}${report.sample ? `: ${report.sample}` : ''}`);
  });
  await context.addInitScript((binding: string) => {
    addEventListener(
      'securitypolicyviolation',
      (e) => {
        const send = (window as unknown as Record<string, ((r: ViolationReport) => void) | undefined>)[binding];
        send?.({ url: location.href, directive: e.effectiveDirective, blocked: e.blockedURI, source: `${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`, sample: e.sample });
      },
      true,
    );
  }, BINDING);
}

/**
 * Makes every context of a browser watched: the ones it creates for `newContext` and for
 * `newPage`. Playwright has no hook that runs before a new context's first page loads, so
 * both methods are wrapped on this browser object.
 */
export function watchCspInBrowser(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser);
  const newPage = browser.newPage.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    await watchCsp(context);
    return context;
  };
  // A page from newPage is still blank; its first navigation runs the init script.
  browser.newPage = async (options) => {
    const page = await newPage(options);
    await watchCsp(page.context());
    return page;
  };
  return browser;
}

import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';

/** Debian's Chromium; flags keep it from phoning home (updates, sync, QUIC probes). */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const launch = (): Promise<Browser> => chromium.launch({ executablePath: CHROMIUM, args: ARGS, headless: true });

const isLocal = (url: string) => {
  try {
    const u = new URL(url);
    if (u.protocol === 'data:' || u.protocol === 'blob:' || u.protocol === 'about:') return true;
    return ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  } catch {
    return true;
  }
};

/**
 * A fresh browser context that records what must fail a test: console errors,
 * uncaught exceptions, and any request to an address other than this machine
 * (those are also blocked). Chromium logs every 4xx response of a fetch as a
 * console error; the app's own API answering 4xx (a wrong code, a 403 for a
 * hidden section) is handled by the page, so those lines are not problems.
 */
export async function newWatchedContext(browser: Browser, opts: { viewport?: { width: number; height: number } } = {}) {
  const context = await browser.newContext({ locale: 'nl-NL', timezoneId: 'Europe/Amsterdam', viewport: opts.viewport ?? { width: 1280, height: 900 } });
  const problems: string[] = [];
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (isLocal(url)) return route.continue();
    problems.push(`request to a non-local address: ${url}`);
    return route.abort();
  });
  const watch = (page: Page) => {
    page.on('console', (msg) => {
      if (msg.type() !== 'error') return;
      const where = msg.location().url ?? '';
      if (/^Failed to load resource: the server responded with a status of 4\d\d/.test(msg.text()) && isLocal(where) && new URL(where).pathname.startsWith('/api/')) return;
      problems.push(`console error on ${page.url()}: ${msg.text()} (${where})`);
    });
    page.on('pageerror', (err) => problems.push(`uncaught error on ${page.url()}: ${err.message}`));
    page.on('requestfailed', (req) => {
      if (!isLocal(req.url())) problems.push(`failed request to a non-local address: ${req.url()}`);
    });
  };
  context.on('page', watch);
  const page = await context.newPage();
  return { context, page, problems };
}

export interface AxeResult {
  page: string;
  violations: { id: string; impact?: string | null; help: string; nodes: string[] }[];
}

/** WCAG 2.1 A/AA scan of the page as it is now. */
export async function axeScan(page: Page): Promise<AxeResult> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return {
    page: page.url(),
    violations: result.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(' ')}: ${n.failureSummary ?? ''}`) })),
  };
}

export type { Browser, BrowserContext, Page };

/**
 * One browser for a journey file, closed after it; when a step fails, a
 * screenshot of the page in use (`current`) is kept in /tmp under the name.
 */
export function journeyBrowser(name: string) {
  const j = { browser: null as unknown as Browser, current: null as Page | null };
  const shot = `/tmp/leerrecht-e2e-${name}-failure.png`;
  beforeAll(async () => {
    j.browser = await launch();
  });
  afterEach(async (ctx) => {
    if (ctx.task.result?.state === 'fail' && j.current && !j.current.isClosed()) {
      await j.current.screenshot({ path: shot, fullPage: true }).catch(() => undefined);
      console.error(`failed on ${j.current.url()}; screenshot: ${shot}`);
    }
  });
  afterAll(async () => {
    await j.browser?.close();
  });
  return j;
}

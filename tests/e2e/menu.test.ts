import { describe, expect, inject, it } from 'vitest';
import { journeyBrowser, newWatchedContext, type Page } from './browser.ts';
import { heading, pageChecker, signInAndEnrol } from './steps.ts';

/**
 * Every role walks its menu: signed in, each entry of the main menu and of
 * the section menus opens a page with its heading, without a refusal, an
 * error or a console error, and axe finds nothing, at 1280 and at 390 px
 * (a phone). The accounts are fresh ones of the demo (no other journey
 * signs in as them), one per role.
 */
const baseUrl = inject('baseUrl');
const DEMO_PASSWORD = 'Leerrecht-demo-2026';
const at = (local: string) => `${local}@demo.leerrecht.nl`;
const ROLES: [string, string][] = [
  ['beheerder samenwerkingsverband', at('beheer2')],
  ['directeur', at('directeur2')],
  ['consulent', at('consulent2')],
  ['deskundige', at('deskundige3')],
  ['besluitnemer', at('besluit')],
  ['privacyfunctionaris', at('privacy')],
  ['OCO', at('oco.s4')],
  ['schoolleider', at('schoolleider.s4')],
  ['ondersteuner', at('ondersteuner.s4')],
  ['schoolbeheerder', at('schoolbeheer.s4')],
  ['mentor', at('mentor.33')],
];

const j = journeyBrowser('menu');
const scanned: string[] = [];
const check = pageChecker(scanned);
/** What a page must never say after a menu click. */
const REFUSED = /U heeft geen toegang|Er ging iets mis|Pagina niet gevonden/;

/** The links of the main menu and of the section menu shown on this page, as [label, path]. */
const menuLinks = (page: Page) =>
  page.locator('nav.lr-nav a[href^="/"]').evaluateAll((as) => as.map((a) => [(a.textContent ?? '').trim(), a.getAttribute('href') ?? ''] as [string, string]));

async function opens(page: Page, who: string, label: string, path: string, width: number) {
  await page.goto(`${baseUrl}${path}`);
  await page.locator('h1').first().waitFor();
  await page.waitForLoadState('networkidle');
  expect(await page.locator('main').textContent(), `${who}: ${label} (${path})`).not.toMatch(REFUSED);
  await check(page, `${label} (${who}, ${width} px)`);
}

describe('journey: every role walks its menu', () => {
  for (const [who, email] of ROLES) {
    // Every entry at two widths with an axe scan each: a school's OCO or leader now walks some 14 pages (the quality section added four), which on a busy two-core machine takes longer than the default 180 s.
    it(`${who}: every menu entry opens without a refusal or an error, axe clean at 1280 and 390 px`, { timeout: 420_000 }, async () => {
      const { context, page, problems } = await newWatchedContext(j.browser);
      j.current = page;
      try {
        // A call the page's own menu led to may not be refused (403) or break (5xx).
        page.on('response', (res) => {
          if (new URL(res.url()).pathname.startsWith('/api/') && (res.status() === 403 || res.status() >= 500)) problems.push(`${res.status()} from ${res.url()} on ${page.url()}`);
        });
        await signInAndEnrol(page, baseUrl, email, DEMO_PASSWORD, check, who, false);
        await heading(page, 'Start');
        // The main menu, then each section's own menu as it shows on its pages.
        const seen = new Map<string, string>();
        const queue: [string, string][] = [];
        const collect = async () => {
          for (const [label, path] of await menuLinks(page)) {
            if (seen.has(path)) continue;
            seen.set(path, label);
            queue.push([path, label]);
          }
        };
        await collect();
        for (let next = queue.shift(); next; next = queue.shift()) {
          await opens(page, who, next[1], next[0], 1280);
          await collect();
        }
        expect(seen.size, `${who}: menu entries`).toBeGreaterThan(1);
        await page.setViewportSize({ width: 390, height: 844 });
        for (const [path, label] of seen) await opens(page, who, label, path, 390);
        expect(problems, `${who}: console errors or refused calls`).toEqual([]);
      } finally {
        await context.close();
      }
    });
  }
});

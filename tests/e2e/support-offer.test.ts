import { describe, expect, inject, it } from 'vitest';
import { axeScan, journeyBrowser, newWatchedContext, type BrowserContext, type Page } from './browser.ts';
import { main, menuLink } from './opp-steps.ts';
import { heading, pageChecker, signInAndEnrol } from './steps.ts';

/**
 * The region's support offer in three browsers: the school leader of the
 * first demo school adds extra support for dyscalculia to the school's
 * profile and publishes it; a parent, without signing in, finds the school
 * in the public directory by that need and level, on the map and in the
 * list; the director opens the gap map, sees the cell havo (or vwo) ×
 * Autisme short, and drills down to the cases behind it. Every page is
 * scanned with axe at 1280 and at 390 px wide.
 */

const DEMO_PASSWORD = 'Leerrecht-demo-2026';
const LEADER = 'schoolleider.s1@demo.leerrecht.nl';
// Its own director: the request journey enrols directeur@ (journeys share the demo and run in any order).
const DIRECTOR = 'directeur3@demo.leerrecht.nl';
const CODE = 'vo2699';

const baseUrl = inject('baseUrl');
const j = journeyBrowser('support-offer');
const scanned: string[] = [];
const check = pageChecker(scanned);

const DESKTOP = { width: 1280, height: 900 };
const PHONE = { width: 390, height: 844 };

/** The staff page's check at both widths. */
async function checkBoth(page: Page, name: string) {
  await check(page, `${name} (1280)`);
  await page.setViewportSize(PHONE);
  await check(page, `${name} (390)`);
  await page.setViewportSize(DESKTOP);
}

/** A public directory page: a title of its own (not the app's), one <main>, and no axe violations, at both widths. */
async function checkPublic(page: Page, name: string) {
  for (const size of [DESKTOP, PHONE]) {
    await page.setViewportSize(size);
    await page.waitForLoadState('networkidle');
    expect(await page.title(), `${name}: page title`).not.toBe('');
    expect(await page.locator('main').count(), `${name}: one <main>`).toBe(1);
    const result = await axeScan(page);
    if (result.violations.length) console.error(`axe violations on ${name} (${result.page}):\n${JSON.stringify(result.violations, null, 2)}`);
    expect(result.violations, `axe violations on ${name} at ${size.width}`).toEqual([]);
    scanned.push(`${name} (${size.width})`);
  }
  await page.setViewportSize(DESKTOP);
}

/** A 1×1 PNG: the background map's tiles cannot be fetched here, so the parent's browser gets blank ones from the test (e2e global setup points MAP_TILE_URL at this machine). */
const TILE = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const blankTiles = (context: BrowserContext) => context.route('**/kaarttegels/**', (route) => route.fulfill({ status: 200, contentType: 'image/png', body: TILE }));

describe('journey: the support offer, from a school profile to the gap map', () => {
  it('school leader publishes, a parent finds the school, the director sees the gap and the cases behind it', async () => {
    // ── The school leader adds extra support for dyscalculia and publishes ───
    const leaderCtx = await newWatchedContext(j.browser);
    const l = leaderCtx.page;
    j.current = l;
    await signInAndEnrol(l, baseUrl, LEADER, DEMO_PASSWORD, check, 'schoolleider');
    // The start page says what waits for the school leader, if anything; the menu leads to the profiles.
    await main(l, 'Aanbod');
    await heading(l, 'Ondersteuningsprofielen');
    await checkBoth(l, 'Ondersteuningsprofielen (schoolleider)');
    const row = l.locator('tbody tr').first();
    const school = (await row.locator('td').first().textContent())!.trim();
    const begin = row.getByRole('button', { name: /Profiel beginnen/ });
    if (await begin.count()) await begin.click();
    else await row.getByRole('link', { name: /Bewerken/ }).click();
    await heading(l, /Ondersteuningsprofiel/);
    await checkBoth(l, 'Ondersteuningsprofiel (schoolleider)');
    const dyscalculia = l.locator('fieldset.lr-offer-need', { has: l.locator('legend', { hasText: /^Dyscalculie$/ }) });
    await dyscalculia.getByLabel('Extra ondersteuning: de school biedt dit').check();
    await l.getByTestId('profiel-opslaan').click();
    await expect.poll(() => l.getByTestId('profiel-melding').textContent()).toMatch(/opgeslagen/i);
    await l.getByTestId('profiel-publiceren').click();
    await expect.poll(() => l.getByTestId('profiel-melding').textContent()).toMatch(/gepubliceerd/i);
    await checkBoth(l, 'Ondersteuningsprofiel gepubliceerd (schoolleider)');
    expect(leaderCtx.problems).toEqual([]);
    await leaderCtx.context.close();

    // ── A parent, not signed in, searches the directory by need and level ────
    const parentCtx = await newWatchedContext(j.browser);
    await blankTiles(parentCtx.context);
    const p = parentCtx.page;
    j.current = p;
    await p.goto(`${baseUrl}/aanbod/${CODE}`);
    await p.getByRole('heading', { level: 1, name: 'Welke school past bij mijn kind?' }).waitFor();
    await checkPublic(p, 'Openbare gids');
    await p.getByLabel('Mijn kind heeft hulp nodig bij').selectOption({ label: 'Dyscalculie' });
    await p.getByLabel('Hoeveel hulp').selectOption({ label: 'Extra ondersteuning' });
    await p.getByLabel('Niveau').selectOption('vmbo-k');
    await p.getByRole('button', { name: 'Zoeken' }).click();
    // The count of results is a live status (role=status), so screen readers hear it after a search.
    await expect.poll(() => p.locator('#resultaten').textContent()).toMatch(/^1 school gevonden/);
    // In the list ...
    const found = p.locator('.lr-dir-results li h3 a');
    expect(await found.allTextContents()).toEqual([expect.stringContaining(school)]);
    // ... and on the map: one marker, whose popup links to the same school.
    const map = p.getByRole('region', { name: /Kaart met de gevonden scholen/ });
    await map.waitFor();
    const markers = map.locator('path.leaflet-interactive');
    await expect.poll(() => markers.count()).toBe(1);
    await markers.first().click({ force: true });
    await expect.poll(() => map.locator('.leaflet-popup-content a').textContent()).toContain(school);
    await checkPublic(p, 'Openbare gids, gezocht');
    await found.first().click();
    await p.getByRole('heading', { level: 1, name: new RegExp(school) }).waitFor();
    await expect.poll(() => p.getByRole('heading', { level: 3, name: 'Dyscalculie' }).count()).toBe(1);
    await checkPublic(p, 'Openbare gids, school');
    expect(parentCtx.problems).toEqual([]);
    await parentCtx.context.close();

    // ── The director opens the gap map and drills down ────────────────────────
    const directorCtx = await newWatchedContext(j.browser);
    const d = directorCtx.page;
    j.current = d;
    await signInAndEnrol(d, baseUrl, DIRECTOR, DEMO_PASSWORD, check, 'directeur', false);
    await main(d, 'Aanbod');
    await heading(d, 'Ondersteuningsprofielen');
    await menuLink(d, 'Aanbod', 'Dekkend aanbod').click();
    await heading(d, 'Dekkend aanbod');
    await d.locator('.lr-coverage-chart svg').first().waitFor();
    await checkBoth(d, 'Dekkend aanbod');
    const table = d.getByRole('table', { name: /Vraag \/ vrije plaatsen per niveau en ondersteuningsbehoefte/ });
    // The evaluation's gap (seed 004 §4.1): havo/vwo pupils with autism find no extra support.
    const shortCell = async () => {
      for (const level of ['havo', 'vwo']) {
        const cell = table.locator(`td[data-cell="${level}|Autisme"]`);
        if ((await cell.getAttribute('class'))?.includes('lr-coverage-gap') && !(await cell.textContent())!.startsWith('0 ')) return { cell, level };
      }
      throw new Error('Geen tekort bij havo/vwo × Autisme');
    };
    const { cell, level } = await shortCell();
    expect(await cell.textContent()).toContain('!');
    await cell.getByRole('button').click();
    await d.getByRole('heading', { level: 2, name: `${level} × Autisme` }).waitFor();
    await d.getByRole('button', { name: 'Toon de leerlingen achter deze cel' }).click();
    const cases = d.getByRole('list', { name: `Leerlingen achter ${level} × Autisme` }).locator('li');
    await expect.poll(() => cases.count()).toBeGreaterThan(0);
    // Pseudonymous: initials, birth year and school only.
    expect(await cases.first().textContent()).toMatch(/^[A-Z]\.[A-Z]\. \(\d{4}\), .+/);
    await d.getByRole('heading', { level: 2, name: `Verloop over de schooljaren: ${level} × Autisme` }).waitFor();
    await checkBoth(d, 'Dekkend aanbod, cel met leerlingen');
    // The report for the board is a PDF.
    const href = await d.getByRole('link', { name: 'Rapport (PDF)' }).getAttribute('href');
    const pdf = await d.request.get(`${baseUrl}${href}`);
    expect(pdf.headers()['content-type']).toContain('application/pdf');
    expect(directorCtx.problems).toEqual([]);
    await directorCtx.context.close();

    expect(scanned.length).toBeGreaterThanOrEqual(16);
  });
});

import { describe, expect, inject, it } from 'vitest';
import { journeyBrowser, newWatchedContext, type Page } from './browser.ts';
import { main, sub } from './opp-steps.ts';
import { heading, pageChecker, signInAndEnrol } from './steps.ts';

/**
 * Round tables in the browser (seed 003): a consultant reads the demo's two
 * tables summed up per theme, records a new table (who sat at it, a
 * statement with the room's reactions, a theme with what to keep and what is
 * missed), and finds what was said under its theme. Every page is scanned
 * with axe at 1280 and 390 px. consulent4 is this journey's own account
 * (journeys share the demo, in any order).
 */
const baseUrl = inject('baseUrl');
const DEMO_PASSWORD = 'Leerrecht-demo-2026';
const CONSULTANT = 'consulent4@demo.leerrecht.nl';
const j = journeyBrowser('round-tables');
const scanned: string[] = [];
const check = pageChecker(scanned);

async function checkBoth(page: Page, name: string) {
  await check(page, `${name} (1280)`);
  await page.setViewportSize({ width: 390, height: 844 });
  await check(page, `${name} (390)`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('journey: round tables for the evaluation of the support plan', () => {
  it('the consultant records a round table and finds it under its theme', async () => {
    const { context, page, problems } = await newWatchedContext(j.browser);
    j.current = page;
    await signInAndEnrol(page, baseUrl, CONSULTANT, DEMO_PASSWORD, check, 'consulent', false);
    await main(page, 'Kwaliteit');
    await sub(page, 'Kwaliteit', 'Thematafels');
    await heading(page, /^Thematafels \d{4}-\d{4}$/);
    // The demo's two tables, summed up per theme.
    await page.getByRole('region', { name: 'Basisondersteuning' }).getByText('Het scholingsaanbod en de inzet van de adviseurs').waitFor();
    await checkBoth(page, 'Thematafels');

    await page.getByRole('link', { name: 'Thematafel vastleggen' }).click();
    await heading(page, 'Thematafel vastleggen');
    const tag = Math.random().toString(36).slice(2, 8);
    const form = page.getByRole('form', { name: 'Verslag van de thematafel' });
    await form.getByLabel('Naam van de thematafel').fill(`Thematafel ouders ${tag}`);
    // Saved without who sat at the table: the form says what is missing and keeps what was typed.
    await form.getByRole('button', { name: 'Thematafel vastleggen' }).click();
    await page.getByText('Kies wie er aan tafel zaten.').first().waitFor();
    expect(await form.getByLabel('Naam van de thematafel').inputValue()).toBe(`Thematafel ouders ${tag}`);
    await form.getByLabel('Datum', { exact: true }).fill('12-11-2026');
    await form.getByLabel('Ouders', { exact: true }).check();
    await form.getByLabel('Stelling 1', { exact: true }).fill('Ouders worden op tijd betrokken bij de ondersteuning van hun kind.');
    await form.getByLabel('Reacties uit de zaal').fill('Wisselend: op de ene school wel, op de andere pas laat.');
    await form.getByLabel('Thema 1', { exact: true }).fill('Basisondersteuning');
    await form.getByLabel('Behouden (Basisondersteuning)').fill('Het gesprek met de mentor');
    await form.getByLabel('Missen we (Basisondersteuning)').fill(`Eén vast aanspreekpunt ${tag}\nUitleg zonder vaktaal`);
    await checkBoth(page, 'Thematafel vastleggen');
    await form.getByRole('button', { name: 'Thematafel vastleggen' }).click();
    await heading(page, `Thematafel ouders ${tag}`);
    await page.getByText(/^Laatst opgeslagen /).waitFor();
    await checkBoth(page, 'Thematafel');

    await page.getByRole('link', { name: '← Thematafels' }).click();
    await heading(page, /^Thematafels \d{4}-\d{4}$/);
    await page.getByRole('searchbox', { name: 'Zoek in wat er gezegd is' }).fill(tag);
    const found = page.getByRole('region', { name: 'Basisondersteuning' });
    await found.getByText(`Eén vast aanspreekpunt ${tag}`).waitFor();
    // The search is applied as the reader stops typing: only the point that says it stays.
    await expect.poll(() => found.getByRole('listitem').count()).toBe(1);

    expect(problems).toEqual([]);
    await context.close();
    expect(scanned.length).toBeGreaterThan(5);
  });
});

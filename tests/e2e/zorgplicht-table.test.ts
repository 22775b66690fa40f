import { describe, expect, inject, it } from 'vitest';
import { journeyBrowser, newWatchedContext, type Page } from './browser.ts';
import { main } from './opp-steps.ts';
import { heading, pageChecker, signInAndEnrol } from './steps.ts';

/**
 * The placement table in two browsers: the OCO of the sixth demo school
 * records a registration received 50 days ago that nobody could place; a
 * consultant puts it on the partnership's placement table, plans the meeting
 * with the parties, records the binding advice with an action and marks it
 * done, and finds it on the board under "aan tafel"; the school then reads
 * the advice on its registration, without the partnership's notes. Every
 * page is scanned with axe. Own accounts: oco.s6, consulent5 (journeys share
 * the demo and run in any order).
 */
const DEMO_PASSWORD = 'Leerrecht-demo-2026';
const at = (local: string) => `${local}@demo.leerrecht.nl`;
const baseUrl = inject('baseUrl');
const j = journeyBrowser('zorgplicht-table');
const scanned: string[] = [];
const check = pageChecker(scanned);
/** A day `days` from today as the fields take it: dd-mm-jjjj. */
const typed = (days: number) => {
  const d = new Date(Date.now() + days * 86_400_000);
  return `${String(d.getUTCDate()).padStart(2, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${d.getUTCFullYear()}`;
};

async function submit(page: Page, button: string, notice: RegExp) {
  await page.getByRole('button', { name: button, exact: true }).click();
  await expect.poll(() => page.locator('main').textContent()).toMatch(notice);
}

describe('journey: a stuck case at the placement table', () => {
  it('goes to the table, gets its meeting and binding advice, an action is done, and the school reads the advice', async () => {
    const child = `Tafel${Math.random().toString(36).slice(2, 7)}`;

    // ── The school records a registration received 50 days ago ────────────────
    const schoolCtx = await newWatchedContext(j.browser);
    const a = schoolCtx.page;
    j.current = a;
    await signInAndEnrol(a, baseUrl, at('oco.s6'), DEMO_PASSWORD, check, 'OCO (tafel)');
    await main(a, 'Zorgplicht');
    await heading(a, 'Aanmeldingen');
    await a.getByRole('link', { name: 'Nieuwe aanmelding' }).click();
    await heading(a, 'Nieuwe aanmelding');
    await a.getByLabel('Aanmelding ontvangen op').fill(typed(-50));
    await a.getByLabel('Voornaam').fill('Sam');
    await a.getByLabel('Achternaam').fill(child);
    await a.getByLabel('Geboortedatum').fill('12-05-2014');
    await a.getByLabel('Naam ouder(s) of verzorger(s)').fill('Familie Tafel');
    await a.getByLabel('Ondersteuningsbehoefte volgens de ouders').fill('Sam zit al weken thuis en heeft een kleine groep nodig.');
    await a.getByLabel(/Ja: de zorgplicht geldt/).check();
    await a.getByRole('button', { name: 'Aanmelding vastleggen' }).click();
    await heading(a, `Aanmelding van Sam ${child}`);
    const registrationUrl = a.url();

    // ── The consultant puts it on the table, plans, advises, follows up ──────
    const swvCtx = await newWatchedContext(j.browser);
    const c = swvCtx.page;
    j.current = c;
    await signInAndEnrol(c, baseUrl, at('consulent5'), DEMO_PASSWORD, check, 'consulent (tafel)', false);
    await c.goto(registrationUrl);
    await heading(c, `Aanmelding van Sam ${child}`);
    await check(c, 'Aanmelding, vóór de tafel (consulent)');
    await c.getByLabel('Reden (de school leest dit)').fill('De aanmelding loopt al 7 weken; geen school kan de kleine groep bieden.');
    await c.getByLabel(/Aantekeningen van het samenwerkingsverband/).fill('Vertrouwelijk: vader wil geen speciaal onderwijs.');
    await submit(c, 'Aan tafel leggen', /ligt nu aan de plaatsingstafel/);
    await check(c, 'Aan tafel (consulent)');

    await c.getByLabel('Datum overleg').fill(typed(3));
    await c.getByLabel('Partij 1: naam').fill('Familie Tafel');
    await submit(c, 'Overleg opslaan', /Het overleg is opgeslagen/);

    await c.getByLabel('Een school plaatst de leerling').check();
    await c.getByLabel('School die de leerling plaatst').selectOption({ index: 1 });
    await c.getByLabel('Motivering').fill('Deze school heeft een kleine groep en een vaste mentor; ouders en scholen stemmen in.');
    await c.getByLabel('Afspraak 1: wie').fill('Samenwerkingsverband');
    await c.getByLabel('Afspraak 1: wat').fill('Arrangement voor de eerste 6 weken regelen.');
    await c.getByLabel('Afspraak 1: uiterlijk').fill(typed(10));
    await submit(c, 'Advies vastleggen', /Het bindend advies is vastgelegd/);
    await check(c, 'Bindend advies (consulent)');
    await submit(c, 'Gedaan (afspraak 1)', /De afspraak staat op gedaan/);
    await expect.poll(() => c.locator('main').textContent()).toMatch(/Gedaan \(/);

    await c.goto(`${baseUrl}/zorgplicht/bord?aan-tafel=1`);
    await heading(c, 'Zorgplichtbord');
    const row = c.locator('tbody tr', { has: c.getByRole('link', { name: `Sam ${child}` }) });
    await expect.poll(() => row.textContent()).toMatch(/aan tafel.*bindend advies/);
    await check(c, 'Zorgplichtbord aan tafel (consulent)');
    expect(swvCtx.problems).toEqual([]);
    await swvCtx.context.close();

    // ── The school reads that the case is at the table, and the advice ───────
    j.current = a;
    await a.reload();
    await heading(a, `Aanmelding van Sam ${child}`);
    const text = () => a.locator('main').textContent();
    await expect.poll(text).toMatch(/ligt aan de plaatsingstafel/);
    expect(await text()).toContain('kleine groep en een vaste mentor');
    expect(await text()).not.toContain('Vertrouwelijk');
    expect(await a.getByRole('button', { name: /Gedaan/ }).count()).toBe(0);
    await check(a, 'Aanmelding aan tafel (OCO)');
    expect(schoolCtx.problems).toEqual([]);
    await schoolCtx.context.close();
    expect(scanned.length).toBeGreaterThan(6);
  });
});

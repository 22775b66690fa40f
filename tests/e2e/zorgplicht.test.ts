import { describe, expect, inject, it } from 'vitest';
import { journeyBrowser, newWatchedContext, type Page } from './browser.ts';
import { main, menuLink } from './opp-steps.ts';
import { escape, heading, pageChecker, signInAndEnrol } from './steps.ts';

/**
 * Zorgplicht in three browsers: the OCO of the third demo school records a
 * registration with a suspected support need, extends the decision term
 * once, searches the other schools' published profiles and asks the seventh
 * school; that school's OCO sees the case only now and accepts the pupil; the
 * first school decides "not admitted, a place at <school>", with its letter;
 * a consultant finds the case closed on the partnership's board. Every page
 * is scanned with axe. Own accounts: oco.s5, oco.s7, consulent3 (journeys
 * share the demo and run in any order).
 */
const DEMO_PASSWORD = 'Leerrecht-demo-2026';
const at = (local: string) => `${local}@demo.leerrecht.nl`;
const baseUrl = inject('baseUrl');
const j = journeyBrowser('zorgplicht');
const scanned: string[] = [];
const check = pageChecker(scanned);

async function submit(page: Page, button: string, notice: RegExp) {
  await page.getByRole('button', { name: button, exact: true }).click();
  await expect.poll(() => page.locator('main').textContent()).toMatch(notice);
}

describe('journey: zorgplicht, from a registration to a place at another school', () => {
  it('registers, extends once, finds and asks a school that accepts, decides with a letter, and the board shows the case closed', async () => {
    const child = `Journey${Math.random().toString(36).slice(2, 7)}`;

    // ── The asked school's OCO, signed in from the start: which school is it? ─
    const askedCtx = await newWatchedContext(j.browser);
    const b = askedCtx.page;
    j.current = b;
    await signInAndEnrol(b, baseUrl, at('oco.s7'), DEMO_PASSWORD, check, 'OCO gevraagde school');
    await b.goto(`${baseUrl}/zorgplicht/nieuw`);
    await heading(b, 'Nieuwe aanmelding');
    const askedSchool = (await b.getByLabel('School', { exact: true }).locator('option:checked').textContent())!.trim();
    expect(askedSchool).not.toBe('');

    // ── The first school records the registration ─────────────────────────────
    const firstCtx = await newWatchedContext(j.browser);
    const a = firstCtx.page;
    j.current = a;
    await signInAndEnrol(a, baseUrl, at('oco.s5'), DEMO_PASSWORD, check, 'OCO', false);
    await main(a, 'Zorgplicht');
    await heading(a, 'Aanmeldingen');
    await check(a, 'Aanmeldingen (OCO)');
    await a.getByRole('link', { name: 'Nieuwe aanmelding' }).click();
    await heading(a, 'Nieuwe aanmelding');
    await check(a, 'Nieuwe aanmelding (OCO)');
    await a.getByLabel('Voornaam').fill('Roos');
    await a.getByLabel('Achternaam').fill(child);
    await a.getByLabel('Geboortedatum').fill('01-03-2014');
    await a.getByLabel('Niveau', { exact: true }).selectOption('havo');
    await a.getByLabel('Leerjaar').selectOption('1');
    await a.getByLabel('Naam ouder(s) of verzorger(s)').fill('Familie Journey');
    await a.getByLabel('Ondersteuningsbehoefte volgens de ouders').fill('Roos heeft rust en een vaste mentor nodig.');
    await a.getByLabel(/Ja: de zorgplicht geldt/).check();
    await a.getByRole('button', { name: 'Aanmelding vastleggen' }).click();
    await heading(a, `Aanmelding van Roos ${child}`);
    await check(a, 'Aanmelding (OCO)');

    // ── Extends once, with a reason ──────────────────────────────────────────
    await a.getByLabel('Reden (de ouders lezen dit in de brief)').first().fill('Wij wachten op het verslag van de orthopedagoog.');
    await submit(a, 'Verlengen', /De termijn is verlengd/);
    await a.getByRole('link', { name: /Brief over de verlenging/ }).waitFor();
    expect(await a.getByRole('heading', { name: 'Beslistermijn verlengen' }).count()).toBe(0);
    await check(a, 'Aanmelding verlengd (OCO)');

    // ── Searches the other schools' offer and asks the seventh school ────────
    await a.getByLabel('Alleen scholen met vrije plaatsen').uncheck();
    const row = a.locator('tbody tr', { has: a.getByRole('rowheader', { name: new RegExp(escape(askedSchool)) }) }).first();
    await row.getByRole('button', { name: /Vraag deze school/ }).click();
    await a.getByLabel(/Bericht aan de school/).fill('Kunt u Roos een plaats bieden? Wij kunnen de rust die zij nodig heeft niet bieden.');
    await submit(a, `Vraag ${askedSchool}`, /De school is gevraagd/);
    await check(a, 'Plaats gezocht (OCO)');

    // ── The asked school sees the case now, and accepts ──────────────────────
    j.current = b;
    await b.goto(`${baseUrl}/zorgplicht`);
    await heading(b, 'Aanmeldingen');
    await b.getByRole('link', { name: `Roos ${child}` }).click();
    await heading(b, `Aanmelding van Roos ${child}`);
    await check(b, 'Aanmelding, gevraagde school');
    await b.getByLabel('Ja, wij nemen de leerling aan').check();
    await b.getByLabel('Reden', { exact: true }).fill('Wij hebben plaats in een kleine havo-klas met een vaste mentor.');
    await submit(b, 'Antwoord versturen', /Uw antwoord is verstuurd/);
    await check(b, 'Antwoord gegeven (gevraagde school)');
    expect(askedCtx.problems).toEqual([]);
    await askedCtx.context.close();

    // ── The first school decides: a place at the school that accepted ───────
    j.current = a;
    await a.reload();
    await heading(a, `Aanmelding van Roos ${child}`);
    await a.getByLabel(new RegExp(`plaats op een andere school: ${escape(askedSchool)}`)).check();
    await a.getByLabel('Reden (de ouders lezen dit in de brief)').fill(`${askedSchool} kan de rust en de vaste mentor bieden die Roos nodig heeft.`);
    await submit(a, 'Besluit vastleggen', /Het besluit is vastgelegd/);
    await expect.poll(() => a.locator('main').textContent()).toContain(`Niet toegelaten, plaats op een andere school (${askedSchool})`);
    const letter = await a.request.get(`${baseUrl}${await a.getByRole('link', { name: /Besluitbrief/ }).getAttribute('href')}`);
    expect(letter.status()).toBe(200);
    expect(letter.headers()['content-type']).toBe('application/pdf');
    await check(a, 'Besluit (OCO)');
    expect(firstCtx.problems).toEqual([]);
    await firstCtx.context.close();

    // ── The partnership's board shows the case closed ────────────────────────
    const boardCtx = await newWatchedContext(j.browser);
    const c = boardCtx.page;
    j.current = c;
    await signInAndEnrol(c, baseUrl, at('consulent3'), DEMO_PASSWORD, check, 'consulent', false);
    await main(c, 'Zorgplicht');
    await heading(c, 'Aanmeldingen');
    await menuLink(c, 'Zorgplicht', 'Zorgplichtbord').click();
    await heading(c, 'Zorgplichtbord');
    await check(c, 'Zorgplichtbord (consulent)');
    await c.getByLabel('Toon').selectOption('closed');
    const closed = c.locator('tbody tr', { has: c.getByRole('link', { name: `Roos ${child}` }) });
    await expect.poll(() => closed.textContent()).toContain('Niet toegelaten, plaats op een andere school');
    await check(c, 'Zorgplichtbord afgehandeld (consulent)');
    expect(boardCtx.problems).toEqual([]);
    await boardCtx.context.close();
    expect(scanned.length).toBeGreaterThan(10);
  });
});

import { describe, expect, inject, it } from 'vitest';
import type { Locator } from 'playwright-core';
import { journeyBrowser, newWatchedContext, type Page } from './browser.ts';
import { main, sub } from './opp-steps.ts';
import { escape, heading, pageChecker, signInAndEnrol } from './steps.ts';

/**
 * The support route in two browsers: a mentor signals a worry from the
 * logbook, the OCO puts the pupil on the agenda of the internal support team,
 * the meeting decides extra support, a case manager, a handelingsadvies and
 * an agreement for the mentor; the mentor then finds the agreement in Mijn
 * acties and the advice in the klassenscan. Demo data of the first school.
 */

const DEMO_PASSWORD = 'Leerrecht-demo-2026';
const MENTOR = 'mentor.1@demo.leerrecht.nl';
const OCO = 'oco.s1@demo.leerrecht.nl';
const SCHOOL = 'Vakcollege Zwolle';

const baseUrl = inject('baseUrl');
const uniq = Math.random().toString(36).slice(2, 8);
const observation = `Obs ${uniq}: zit sinds twee weken met de capuchon op achterin, maakt geen aantekeningen en zegt dat school geen zin meer heeft.`;
const advice = `Advies ${uniq}: laat de leerling vooraan zitten en bespreek aan het begin van elk uur kort de planning.`;
const agreement = `Afspraak ${uniq}: wekelijks mentorgesprek van 10 minuten en verslag in het logboek`;

const DAY = 86_400_000;
/** 'yyyy-mm-dd' in Dutch time, n days from now. */
const dutchDay = (n: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + n * DAY));
/** As staff screens show a day: '04-05-2026'. */
const shownDay = (ymd: string) => ymd.split('-').reverse().join('-');
/** As a stored reason writes a day out: '4 mei 2026'. */
const longDay = (ymd: string) => {
  const [y, m, d] = ymd.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!)).toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
};
const meetingDay = dutchDay(1);
const dueOn = dutchDay(15);

const j = journeyBrowser('support');
const scanned: string[] = [];
const check = pageChecker(scanned);

/** The value next to a label in the pupil page's header. */
const headerValue = (page: Page, label: string): Locator => page.locator('.lr-dossier-header > div', { has: page.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');
/**
 * Picks a colleague by user id: staff pickers show names only, and the demo
 * school has colleagues who share a name. The chosen option must show the name.
 */
async function selectUser(select: Locator, user: { id: string; name: string }) {
  await select.selectOption(user.id);
  expect(await select.locator('option:checked').textContent()).toBe(user.name);
}
/** The signed-in user of a browser context, as the app's session endpoint tells it. */
async function me(page: Page): Promise<{ id: string; name: string }> {
  const res = await page.request.get(`${baseUrl}/api/auth/session`);
  expect(res.ok()).toBe(true);
  const { user } = (await res.json()) as { user: { id: string; name: string } };
  return { id: user.id, name: user.name };
}




describe('journey: from a mentor’s signal to the klassenscan', () => {
  it('mentor signals, the internal team decides extra support, the mentor sees the agreement and the advice', async () => {
    // ── Both sign in, each in its own browser context ───────────────────────
    const mentorCtx = await newWatchedContext(j.browser);
    const ocoCtx = await newWatchedContext(j.browser);
    const m = mentorCtx.page;
    const o = ocoCtx.page;

    j.current = m;
    await signInAndEnrol(m, baseUrl, MENTOR, DEMO_PASSWORD, check, 'mentor');
    const mentor = await me(m);
    const mentorName = mentor.name;
    expect((await m.locator('.lr-user__name').textContent())!.trim()).toBe(mentorName);
    j.current = o;
    // The sign-in pages were scanned for the mentor; the OCO's start page differs by role.
    await signInAndEnrol(o, baseUrl, OCO, DEMO_PASSWORD, check, 'OCO', false);
    const oco = await me(o);
    const ocoName = oco.name;
    expect((await o.locator('.lr-user__name').textContent())!.trim()).toBe(ocoName);
    expect(mentorName).not.toBe(ocoName);

    // ── Mentor: a pupil of the class, an observation, signalled to the OCO ──
    j.current = m;
    await main(m, 'Leerlingen');
    await heading(m, 'Leerlingen');
    await sub(m, 'Leerlingen', 'Mijn klassen');
    await heading(m, 'Mijn klassen');
    const myClass = m.locator('li.lr-card', { hasText: 'u bent mentor' }).filter({ hasText: SCHOOL }).first();
    await myClass.waitFor();
    const className = (await myClass.getByRole('heading', { level: 2 }).textContent())!.replace(/^Klas\s+/, '').trim();
    await check(m, 'Mijn klassen');
    await myClass.getByRole('link', { name: `Leerlingen van ${className}` }).click();
    await heading(m, 'Leerlingen');
    await m.getByText(`Alleen leerlingen uit klas ${className}.`).waitFor();
    await m.getByLabel('Ondersteuningsniveau').selectOption({ label: 'Basisondersteuning' });
    await m.waitForURL(/niveau=basis/);
    await expect.poll(() => m.locator('.lr-result-count').textContent()).toMatch(/^\d+ leerlingen? gevonden$/);
    await check(m, 'Leerlingen van de klas');
    const row = m.locator('tbody tr', { has: m.locator('.lr-level--basis') }).first();
    const pupilName = (await row.getByRole('link').textContent())!.trim();
    await row.getByRole('link', { name: pupilName }).click();
    await heading(m, pupilName);
    const pupilPath = new URL(m.url()).pathname;
    expect(pupilPath).toMatch(/^\/leerlingen\/[0-9a-f-]{36}$/);
    await expect.poll(() => headerValue(m, 'Ondersteuning').textContent()).toBe('Basisondersteuning');
    expect(await headerValue(m, 'Casemanager').textContent()).toBe('Geen');
    await check(m, 'Leerling (mentor, vooraf)');

    const logForm = m.getByRole('form', { name: 'Aantekening toevoegen' });
    await logForm.getByLabel('Soort aantekening').selectOption({ label: 'Observatie' });
    await logForm.getByLabel('Wat gebeurde er?').fill(observation);
    await logForm.getByRole('button', { name: 'Aantekening opslaan' }).click();
    await m.getByText('De aantekening is opgeslagen.').waitFor();
    const entry = m.locator('li.lr-logbook__entry', { hasText: observation });
    await entry.waitFor();
    await check(m, 'Leerling (aantekening opgeslagen)');
    await entry.getByRole('button', { name: 'Signaleer aan OCO' }).click();
    await entry.getByText('Gesignaleerd aan OCO').waitFor();
    await check(m, 'Leerling (gesignaleerd)');

    // ── OCO: the signal, a new internal team meeting, the pupil from the signal ──
    j.current = o;
    await main(o, 'Ondersteuning');
    await heading(o, 'Mijn acties');
    await check(o, 'Mijn acties (OCO)');
    await sub(o, 'Ondersteuning', 'Signalen');
    await heading(o, 'Signalen');
    const signalRow = o.locator('tbody tr', { hasText: observation });
    await signalRow.waitFor();
    await expect.poll(() => signalRow.locator('td').allTextContents()).toEqual([expect.any(String), `${pupilName} (${className})`, observation, mentorName, expect.any(String)]);
    await check(o, 'Signalen');

    await sub(o, 'Ondersteuning', 'Overleggen');
    await heading(o, 'Overleggen');
    await o.locator('table').waitFor();
    await check(o, 'Overleggen');
    await o.getByRole('button', { name: 'Overleg plannen' }).click();
    const plan = o.locator('section', { has: o.getByRole('heading', { level: 2, name: 'Overleg plannen' }) });
    await plan.getByLabel('Soort overleg').selectOption({ label: 'Intern ondersteuningsteam' });
    await plan.getByLabel('Datum en tijd').fill(`${meetingDay}T10:00`);
    await plan.getByLabel('Plaats').fill(`Lokaal ${uniq}`);
    await check(o, 'Overleg plannen');
    await plan.getByRole('button', { name: 'Overleg plannen' }).click();
    await heading(o, `Intern ondersteuningsteam, ${shownDay(meetingDay)} 10:00`);
    await o.getByText('Er staan nog geen leerlingen op de agenda.').waitFor();
    await o.getByText(`${SCHOOL} · Lokaal ${uniq} · Gepland · gepland door ${ocoName}`).waitFor();
    await check(o, 'Overleg (nieuw)');

    const fromSignal = o.getByLabel('Uit een open signaal');
    const signalOption = fromSignal.locator('option', { hasText: `${pupilName} (${className}): Obs ${uniq}` });
    await expect.poll(() => signalOption.count()).toBe(1);
    await fromSignal.selectOption((await signalOption.getAttribute('value'))!);
    await o.getByRole('button', { name: 'Signaal op de agenda' }).click();
    const card = o.locator('li.lr-card', { has: o.getByRole('heading', { level: 3, name: new RegExp(`^${escape(pupilName)}`) }) });
    await card.waitFor();
    await card.getByText(/uit signaal/).waitFor();
    // The mentor of a pupil on the agenda is invited.
    await o.getByText(new RegExp(`Deelnemers:.*${escape(mentorName)}`)).waitFor();
    // The signal is on the agenda now: no longer open.
    await expect.poll(() => fromSignal.locator('option', { hasText: `Obs ${uniq}` }).count()).toBe(0);
    await check(o, 'Overleg (leerling op de agenda)');

    // ── The meeting: summary, decisions, an agreement for the mentor ────────
    await card.getByLabel('Samenvatting van de bespreking').fill('Mentor signaleert terugtrekgedrag en dalende inzet. Besproken: extra begeleiding en vaste gesprekken.');
    await card.getByRole('button', { name: 'Samenvatting opslaan' }).click();
    await card.getByRole('status').getByText('Opgeslagen.').waitFor();

    const decide = async (kind: string, fill: () => Promise<unknown>, shows: string) => {
      await card.getByLabel('Besluit', { exact: true }).selectOption({ label: kind });
      await fill();
      await card.getByRole('button', { name: 'Besluit vastleggen' }).click();
      await card.locator('li', { hasText: shows }).waitFor();
      // The form is empty again for the next decision.
      await expect.poll(() => card.getByLabel('Besluit', { exact: true }).inputValue()).toBe('');
    };
    await decide('Ondersteuningsniveau wijzigen', () => card.getByLabel('Nieuw ondersteuningsniveau').selectOption({ label: 'Extra ondersteuning' }), 'Ondersteuningsniveau wijzigen: Extra ondersteuning');
    await decide('Casemanager aanwijzen', () => selectUser(card.getByLabel('Casemanager', { exact: true }), oco), `Casemanager aanwijzen: ${ocoName}`);
    await decide('Handelingsadvies voor docenten', () => card.getByLabel('Handelingsadvies voor docenten', { exact: true }).fill(advice), `Handelingsadvies voor docenten: ${advice}`);
    await check(o, 'Overleg (besluiten)');

    await card.getByLabel('Wat (specifiek en meetbaar)').fill(agreement);
    await selectUser(card.getByLabel('Wie', { exact: true }), mentor);
    await card.getByLabel('Wanneer klaar').fill(dueOn);
    await card.getByRole('button', { name: 'Afspraak vastleggen' }).click();
    await card.locator('li', { hasText: `${agreement} — ${mentorName}, uiterlijk ${shownDay(dueOn)}` }).waitFor();
    // The pupil's level on the agenda follows the decision.
    await card.getByText(/^Extra ondersteuning/).waitFor();
    await check(o, 'Overleg (afspraak)');

    // The pupil page (OCO): extra support and the case manager, with the meeting as reason.
    await card.getByRole('link', { name: pupilName }).click();
    await heading(o, pupilName);
    expect(new URL(o.url()).pathname).toBe(pupilPath);
    await expect.poll(() => headerValue(o, 'Ondersteuning').textContent()).toBe('Extra ondersteuning');
    expect(await headerValue(o, 'Casemanager').textContent()).toBe(ocoName);
    await o.locator('#ondersteuningsniveau').getByText(`Reden: Besluit Intern ondersteuningsteam van ${longDay(meetingDay)} 10:00`).waitFor();
    await o.locator('#handelingsadviezen').getByText(advice).waitFor();
    await check(o, 'Leerling (OCO, na het overleg)');

    // ── Mentor: Mijn acties, the pupil page, the klassenscan ────────────────
    j.current = m;
    await main(m, 'Ondersteuning');
    await heading(m, 'Mijn acties');
    const action = m.locator('tbody tr', { hasText: agreement });
    await action.waitFor();
    const cells = await action.locator('td').allTextContents();
    expect(cells[0]).toBe(shownDay(dueOn));
    expect(cells[1]).toBe(agreement);
    expect(cells[2]).toBe(pupilName);
    expect(cells[3]).toBe(`Intern ondersteuningsteam, ${shownDay(meetingDay)} 10:00`);
    await action.getByRole('button', { name: `${agreement} klaar melden` }).waitFor();
    await check(m, 'Mijn acties (mentor)');

    await action.getByRole('link', { name: pupilName }).click();
    await heading(m, pupilName);
    await expect.poll(() => headerValue(m, 'Ondersteuning').textContent()).toBe('Extra ondersteuning');
    expect(await headerValue(m, 'Casemanager').textContent()).toBe(ocoName);
    await m.locator('#afspraken tbody tr', { hasText: agreement }).getByText(shownDay(dueOn)).waitFor();
    await check(m, 'Leerling (mentor, na het overleg)');

    await main(m, 'Leerlingen');
    await heading(m, 'Leerlingen');
    await sub(m, 'Leerlingen', 'Mijn klassen');
    await heading(m, 'Mijn klassen');
    await m.getByRole('link', { name: `Klassenscan ${className}` }).click();
    await heading(m, `Klassenscan ${className}`);
    const scanRow = m.locator('tbody tr', { has: m.locator(`a[href="${pupilPath}"]`) });
    await scanRow.waitFor();
    await scanRow.getByText('Extra ondersteuning', { exact: true }).waitFor();
    await scanRow.getByText(`Casemanager: ${ocoName}`).waitFor();
    await scanRow.locator('li', { hasText: advice }).waitFor();
    await check(m, 'Klassenscan');

    await mentorCtx.context.close();
    await ocoCtx.context.close();
    expect([...mentorCtx.problems, ...ocoCtx.problems]).toEqual([]);
    expect(scanned.length).toBeGreaterThanOrEqual(20);
  });
});

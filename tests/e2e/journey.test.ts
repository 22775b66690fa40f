import { describe, expect, inject, it } from 'vitest';
import { currentTotp } from '../../src/platform/auth/totp.ts';
import { axeScan, journeyBrowser, newWatchedContext, type Page } from './browser.ts';
import { menuLink } from './opp-steps.ts';

const DEMO_ADMIN = 'beheer@demo.leerrecht.nl';
const DEMO_PASSWORD = 'Leerrecht-demo-2026';
const NEW_PASSWORD = 'een lange zin als wachtwoord 2026';

const baseUrl = inject('baseUrl');
const uniq = Math.random().toString(36).slice(2, 8);
const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const brin = `${10 + Math.floor(Math.random() * 90)}${letters[Math.floor(Math.random() * 26)]}${letters[Math.floor(Math.random() * 26)]}`;
const schoolName = `Het Leerrecht College ${uniq}`;
const invitee = { name: `Olga Coördinator ${uniq}`, email: `oco-${uniq}@e2e.leerrecht.nl` };

const j = journeyBrowser('journey');
const problems: string[] = [];
const scanned: string[] = [];

/** Every page the journey sees gets a WCAG scan and must have a title. */
async function check(page: Page, name: string) {
  await page.waitForLoadState('networkidle');
  const title = await page.title();
  expect(title, `${name}: page title`).toMatch(/ – Leerrecht$/);
  expect(await page.locator('main').count(), `${name}: one <main>`).toBe(1);
  const result = await axeScan(page);
  if (result.violations.length) console.error(`axe violations on ${name} (${result.page}):\n${JSON.stringify(result.violations, null, 2)}`);
  expect(result.violations, `axe violations on ${name}`).toEqual([]);
  scanned.push(name);
}

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();

/** Reads the key shown for manual entry and answers with the current code. */
async function enrol(page: Page) {
  await heading(page, 'Tweestapsverificatie instellen');
  const key = page.locator('#totp-sleutel');
  await key.waitFor();
  await page.locator('img.lr-qr').waitFor();
  const secret = (await key.textContent())!.replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  return secret;
}

async function signIn(page: Page, email: string, password: string) {
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

async function storeRecoveryCodes(page: Page): Promise<string[]> {
  await heading(page, 'Bewaar uw herstelcodes');
  const codes = await page.locator('#herstelcodes li').allTextContents();
  expect(codes).toHaveLength(10);
  return codes;
}




describe('journey: admin sets up a school and invites a colleague', () => {
  it('admin enrols 2FA, adds a school, invites an OCO; the OCO accepts and signs in', async () => {
    // ── The admin ──────────────────────────────────────────────────────────
    const admin = await newWatchedContext(j.browser);
    const page = admin.page;
    j.current = page;
    await page.goto(`${baseUrl}/`);
    await heading(page, 'Inloggen');
    expect(new URL(page.url()).pathname).toBe('/inloggen');
    await check(page, 'Inloggen');

    // A wrong password gives the Dutch message and keeps the typed address.
    await signIn(page, DEMO_ADMIN, 'dit is niet het wachtwoord');
    await page.getByText('E-mailadres of wachtwoord klopt niet.').waitFor();
    expect(await page.getByLabel('E-mailadres').inputValue()).toBe(DEMO_ADMIN);
    await check(page, 'Inloggen (fout wachtwoord)');

    await signIn(page, DEMO_ADMIN, DEMO_PASSWORD);
    const adminSecret = await enrol(page);
    await page.screenshot({ path: '/tmp/leerrecht-2fa.png', fullPage: true });
    await check(page, 'Tweestapsverificatie instellen');

    // A wrong code: the Dutch error, in the summary and at the field.
    await page.getByLabel('Code uit de app').fill('000000');
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await page.getByText('De code klopt niet of is verlopen.').first().waitFor();
    await check(page, 'Tweestapsverificatie (foute code)');

    await page.getByLabel('Code uit de app').fill(currentTotp(adminSecret));
    await page.getByRole('button', { name: 'Bevestigen' }).click();
    await storeRecoveryCodes(page);
    await check(page, 'Herstelcodes');
    await page.getByRole('button', { name: 'Ik heb ze bewaard' }).click();
    await heading(page, 'Start');
    await check(page, 'Start');

    // Add a school.
    await menuLink(page, 'Hoofdmenu', 'Scholen').click();
    await heading(page, 'Scholen');
    await page.locator('table').waitFor();
    await page.screenshot({ path: '/tmp/leerrecht-scholen.png' });
    await check(page, 'Scholen');
    await page.getByRole('link', { name: 'Nieuwe school' }).click();
    await heading(page, 'Nieuwe school');
    // Submitting empty shows the client-side (zod) messages without a request.
    await page.getByRole('button', { name: 'School toevoegen' }).click();
    await page.getByText('Controleer het formulier').waitFor();
    await check(page, 'Nieuwe school (fouten)');
    const board = page.getByLabel('Bestuur');
    await board.selectOption({ index: 1 });
    await page.getByLabel('Naam').fill(schoolName);
    await page.getByLabel('BRIN-code').fill(brin.toLowerCase());
    await page.getByLabel('Soort school').selectOption('vo');
    await page.getByLabel('havo').check();
    await page.getByRole('button', { name: 'School toevoegen' }).click();
    await heading(page, schoolName);
    await page.getByText('De school is toegevoegd.').waitFor();
    await page.getByText(brin).waitFor();
    await check(page, 'School');

    // Invite an OCO at that school.
    await menuLink(page, 'Hoofdmenu', 'Beheer').click();
    await heading(page, 'Beheer');
    await check(page, 'Beheer');
    await page.getByRole('link', { name: 'Medewerkers' }).click();
    await heading(page, 'Medewerkers');
    await page.locator('table').waitFor();
    await check(page, 'Medewerkers');
    await page.getByRole('link', { name: 'Medewerker uitnodigen' }).click();
    await heading(page, 'Medewerker uitnodigen');
    await page.getByLabel('Naam').fill(invitee.name);
    await page.getByLabel('E-mailadres').fill(invitee.email);
    await page.getByLabel('Rol', { exact: true }).selectOption({ label: 'Ondersteuningscoördinator (OCO / IB)' });
    await page.getByLabel('School', { exact: true }).selectOption({ label: schoolName });
    await check(page, 'Medewerker uitnodigen');
    await page.getByRole('button', { name: 'Uitnodiging versturen' }).click();
    await heading(page, invitee.name);
    await page.getByText(`De uitnodiging is verstuurd naar ${invitee.email}.`).waitFor();
    await page.getByText('Uitgenodigd').waitFor();
    await check(page, 'Medewerker');

    // Sign out: back at sign-in, and the app is closed again.
    await page.getByRole('button', { name: 'Uitloggen' }).click();
    await page.getByText('U bent uitgelogd.').waitFor();
    await check(page, 'Uitgelogd');
    await page.goto(`${baseUrl}/beheer/medewerkers`);
    await heading(page, 'Inloggen');
    expect(new URL(page.url()).searchParams.get('terug')).toBe('/beheer/medewerkers');
    await admin.context.close();

    // ── The invited colleague, in another browser ──────────────────────────
    const colleague = await newWatchedContext(j.browser, { viewport: { width: 820, height: 1180 } });
    const p2 = colleague.page;
    j.current = p2;
    await p2.goto(`${baseUrl}/outbox`);
    const mail = p2.locator('article', { hasText: invitee.email }).first();
    await mail.waitFor();
    await check(p2, 'Outbox');
    await mail.locator('a[href*="/uitnodiging"]').first().click();
    await heading(p2, 'Uitnodiging accepteren');
    await p2.getByText(invitee.name).waitFor();
    await p2.getByText('Samenwerkingsverband VO Demo').first().waitFor();
    await check(p2, 'Uitnodiging accepteren');
    await p2.getByLabel('Nieuw wachtwoord').fill(NEW_PASSWORD);
    await p2.getByLabel('Herhaal het wachtwoord').fill(NEW_PASSWORD.toUpperCase());
    await p2.getByRole('button', { name: 'Wachtwoord instellen' }).click();
    await p2.getByText('De twee wachtwoorden zijn niet gelijk.').first().waitFor();
    // The typed password stays after an error.
    expect(await p2.getByLabel('Nieuw wachtwoord').inputValue()).toBe(NEW_PASSWORD);
    await p2.getByLabel('Herhaal het wachtwoord').fill(NEW_PASSWORD);
    await p2.getByRole('button', { name: 'Wachtwoord instellen' }).click();
    await p2.getByText('Uw wachtwoord is ingesteld. U kunt nu inloggen.').waitFor();
    expect(await p2.getByLabel('E-mailadres').inputValue()).toBe(invitee.email);
    await check(p2, 'Inloggen na uitnodiging');

    await signIn(p2, invitee.email, NEW_PASSWORD);
    const secret = await enrol(p2);
    await check(p2, 'Tweestapsverificatie instellen (collega)');
    await p2.getByLabel('Code uit de app').fill(currentTotp(secret));
    await p2.getByRole('button', { name: 'Bevestigen' }).click();
    const codes = await storeRecoveryCodes(p2);
    await p2.getByRole('button', { name: 'Ik heb ze bewaard' }).click();
    await heading(p2, 'Start');
    await p2.getByText(`Welkom, ${invitee.name}.`).waitFor();
    await p2.getByText(schoolName).first().waitFor();
    await p2.screenshot({ path: '/tmp/leerrecht-start-tablet.png', fullPage: true });
    await check(p2, 'Start (collega)');

    // Next time: password, then the code page; a wrong code first, then a recovery code.
    await p2.getByRole('button', { name: 'Uitloggen' }).click();
    await p2.getByText('U bent uitgelogd.').waitFor();
    await signIn(p2, invitee.email, NEW_PASSWORD);
    await heading(p2, 'Code invoeren');
    await check(p2, 'Code invoeren');
    await p2.getByLabel('Code of herstelcode').fill('123456');
    await p2.getByRole('button', { name: 'Doorgaan' }).click();
    await p2.getByText('De code klopt niet of is verlopen.').waitFor();
    await check(p2, 'Code invoeren (foute code)');
    await p2.getByLabel('Code of herstelcode').fill(codes[0]!);
    await p2.getByRole('button', { name: 'Doorgaan' }).click();
    await heading(p2, 'Start');

    await menuLink(p2, 'Hoofdmenu', 'Leerlingen').click();
    await heading(p2, 'Leerlingen');
    await p2.getByText(/leerlingen? gevonden$/).first().waitFor();
    await check(p2, 'Leerlingen (collega)');
    // The menu shows only pages that are built: no "komt binnenkort".
    expect(await p2.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name: /Thuiszitters|Rapportages/ }).count()).toBe(0);
    await colleague.context.close();

    problems.push(...admin.problems, ...colleague.problems);
    expect(problems).toEqual([]);
    expect(scanned.length).toBeGreaterThan(20);
  });
});

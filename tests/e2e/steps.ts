import { expect } from 'vitest';
import { currentTotp } from '../../src/platform/auth/totp.ts';
import { axeScan, type Page } from './browser.ts';

/**
 * Steps shared by journeys: the page check (title, one <main>, axe WCAG 2.1
 * A/AA with 0 violations) and signing in through the real UI with TOTP.
 */

/** Every page a journey sees gets a WCAG scan and must have a title; `scanned` collects the names. */
export function pageChecker(scanned: string[]) {
  return async function check(page: Page, name: string) {
    const t0 = Date.now();
    await page.waitForLoadState('networkidle');
    const title = await page.title();
    expect(title, `${name}: page title`).toMatch(/ – Leerrecht$/);
    expect(await page.locator('main').count(), `${name}: one <main>`).toBe(1);
    const result = await axeScan(page);
    if (result.violations.length) console.error(`axe violations on ${name} (${result.page}):\n${JSON.stringify(result.violations, null, 2)}`);
    expect(result.violations, `axe violations on ${name}`).toEqual([]);
    scanned.push(name);
    if (process.env.E2E_TIMING) console.log(`check ${name}: ${Date.now() - t0} ms`);
  };
}

export const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { level: 1, name }).waitFor();

export async function fillSignIn(page: Page, email: string, password: string) {
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Inloggen' }).click();
}

/**
 * Signs in a demo account that has no second factor yet: password, then the
 * enrolment page (the key shown for manual entry gives the TOTP secret), the
 * recovery codes, and the start page. Returns the secret for later sign-ins.
 */
export async function signInAndEnrol(
  page: Page,
  baseUrl: string,
  email: string,
  password: string,
  check: (page: Page, name: string) => Promise<void>,
  who: string,
  /** false when these same pages were already scanned for another user: only the start page then. */
  scanAuthPages = true,
): Promise<string> {
  const checkAuth: (page: Page, name: string) => Promise<void> = scanAuthPages ? check : async () => {};
  await page.goto(`${baseUrl}/`);
  await heading(page, 'Inloggen');
  await checkAuth(page, `Inloggen (${who})`);
  await fillSignIn(page, email, password);
  await heading(page, 'Tweestapsverificatie instellen');
  const key = page.locator('#totp-sleutel');
  await key.waitFor();
  await page.locator('img.lr-qr').waitFor();
  const secret = (await key.textContent())!.replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await checkAuth(page, `Tweestapsverificatie instellen (${who})`);
  await page.getByLabel('Code uit de app').fill(currentTotp(secret));
  await page.getByRole('button', { name: 'Bevestigen' }).click();
  await heading(page, 'Bewaar uw herstelcodes');
  expect(await page.locator('#herstelcodes li').count()).toBe(10);
  await checkAuth(page, `Herstelcodes (${who})`);
  await page.getByRole('button', { name: 'Ik heb ze bewaard' }).click();
  await heading(page, 'Start');
  await check(page, `Start (${who})`);
  return secret;
}

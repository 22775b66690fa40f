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

export const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The mails to an address on the Outbox page, newest first. */
export const mailsTo = (page: Page, subject: RegExp, to: string) =>
  page.locator('article.lr-mail', { has: page.getByRole('heading', { level: 2, name: subject }) }).filter({ hasText: `Aan ${to}` });

/**
 * A parent (no account) opens a link from the mail: the newest matching mail
 * in the Outbox, its link, a code asked for and read from the Outbox in a
 * second tab, and the page behind it. `mailCount` is how many such mails the
 * parent has by now (the newest is used).
 */
export async function parentOpensLink(
  p: Page,
  o: {
    mail: RegExp;
    mailCount: number;
    /** How many codes the parent has had, this one included. */
    codeCount: number;
    link: RegExp;
    startHeading: string;
    signedInHeading: string;
    /** Names the round in the scanned pages' list. */
    what: string;
    parent: { name: string; email: string };
    baseUrl: string;
    check: (page: Page, name: string) => Promise<void>;
  },
) {
  await p.goto(`${o.baseUrl}/outbox`);
  await heading(p, 'Outbox (ontwikkeling)');
  const mails = mailsTo(p, o.mail, o.parent.email);
  await expect.poll(() => mails.count()).toBe(o.mailCount);
  const mail = mails.first();
  await mail.getByText(`Beste ${o.parent.name},`).waitFor();
  await o.check(p, `Outbox (${o.what})`);
  await mail.getByRole('link', { name: o.link }).click();
  await p.waitForURL(o.link);
  await heading(p, o.startHeading);
  await o.check(p, `Ouder: start (${o.what})`);

  await p.getByRole('button', { name: 'Stuur mij een code' }).click();
  await heading(p, 'Vul de code in');
  // The address is shown masked: its first letter and the domain.
  await p.getByText(`We hebben een code gestuurd naar ${o.parent.email.slice(0, 1)}****@${o.parent.email.split('@')[1]}.`, { exact: false }).waitFor();
  await o.check(p, `Ouder: code (${o.what})`);

  // The parent reads the code in the mailbox, in another tab.
  const inbox = await p.context().newPage();
  await inbox.goto(`${o.baseUrl}/outbox`);
  await heading(inbox, 'Outbox (ontwikkeling)');
  const codeMails = mailsTo(inbox, /^Uw code: \d{6}$/, o.parent.email);
  await expect.poll(() => codeMails.count()).toBe(o.codeCount);
  const code = (await codeMails.first().getByRole('heading', { level: 2 }).textContent())!.replace(/^Uw code: /, '');
  await inbox.close();

  await p.getByLabel('Code uit de e-mail').fill(code);
  await p.getByRole('button', { name: 'Verder' }).click();
  await heading(p, o.signedInHeading);
}

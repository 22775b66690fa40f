/** Steps of the OPP journey (tests/e2e/opp.test.ts): navigation, the Outbox, and the parent's round. */
import { expect } from 'vitest';
import type { Locator } from 'playwright-core';
import type { Page } from './browser.ts';
import { heading } from './steps.ts';

export const sub = (page: Page, section: 'Leerlingen' | 'Ondersteuning', name: string) => page.getByRole('navigation', { name: section }).getByRole('link', { name, exact: true }).click();
export const main = (page: Page, name: string) => page.getByRole('navigation', { name: 'Hoofdmenu' }).getByRole('link', { name, exact: true }).click();
/** A value in a definition list: the <dd> next to the <dt> with this exact text. */
export const ddOf = (scope: Page | Locator, dl: string, label: string): Locator =>
  scope.locator(`${dl} > div`, { has: scope.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');
export const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The mails to the parent's address on the Outbox page, newest first. */
export const mailsTo = (page: Page, subject: RegExp, to: string) =>
  page.locator('article.lr-mail', { has: page.getByRole('heading', { level: 2, name: subject }) }).filter({ hasText: `Aan ${to}` });

/**
 * The parent's side of one round: the newest plan mail in the Outbox, its
 * link, a code asked for and read from the Outbox in a second tab, the plan.
 */
export async function parentOpensPlan(
  p: Page,
  { round, firstName, parent, school, baseUrl, check }: { round: number; firstName: string; parent: { name: string; email: string }; school: string; baseUrl: string; check: (page: Page, name: string) => Promise<void> },
) {
  await p.goto(`${baseUrl}/outbox`);
  await heading(p, 'Outbox (ontwikkeling)');
  const planMails = mailsTo(p, new RegExp(`^Het plan voor ${escape(firstName)} van ${school}$`), parent.email);
  await expect.poll(() => planMails.count()).toBe(round);
  const mail = planMails.first();
  await mail.getByText(`Beste ${parent.name},`).waitFor();
  await check(p, `Outbox (plan, ronde ${round})`);
  await mail.getByRole('link', { name: /\/ouders\/opp#token=/ }).click();
  await p.waitForURL(/\/ouders\/opp#token=/);
  await heading(p, 'Het plan van school');
  await check(p, `Ouder: start (ronde ${round})`);

  await p.getByRole('button', { name: 'Stuur mij een code' }).click();
  await heading(p, 'Vul de code in');
  // The address is shown masked: its first letter and the domain.
  await p.getByText(`We hebben een code gestuurd naar o****@e2e.leerrecht.nl.`, { exact: false }).waitFor();
  await check(p, `Ouder: code (ronde ${round})`);

  // The parent reads the code in the mailbox, in another tab.
  const inbox = await p.context().newPage();
  await inbox.goto(`${baseUrl}/outbox`);
  await heading(inbox, 'Outbox (ontwikkeling)');
  const codeMails = mailsTo(inbox, /^Uw code: \d{6}$/, parent.email);
  await expect.poll(() => codeMails.count()).toBe(round);
  const code = (await codeMails.first().getByRole('heading', { level: 2 }).textContent())!.replace(/^Uw code: /, '');
  await inbox.close();

  await p.getByLabel('Code uit de e-mail').fill(code);
  await p.getByRole('button', { name: 'Verder' }).click();
  await heading(p, `Het plan voor ${firstName}`);
}


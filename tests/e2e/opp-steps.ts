/** Steps of the OPP journey (tests/e2e/opp.test.ts): navigation, the Outbox, and the parent's round. */
import type { Locator } from 'playwright-core';
import type { Page } from './browser.ts';
import { escape, parentOpensLink } from './steps.ts';

/** A menu entry by its label; an entry with work waiting is named 'Aanvragen, 3 te doen'. */
export const menuLink = (page: Page, menu: string, label: string): Locator =>
  page.getByRole('navigation', { name: menu }).getByRole('link', { name: new RegExp(`^${escape(label)}(\\s*, \\d+ te doen)?$`) });
export const sub = (page: Page, section: 'Leerlingen' | 'Ondersteuning' | 'Kwaliteit', name: string) => menuLink(page, section, name).click();
export const main = (page: Page, name: string) => menuLink(page, 'Hoofdmenu', name).click();
/** A value in a definition list: the <dd> next to the <dt> with this exact text. */
export const ddOf = (scope: Page | Locator, dl: string, label: string): Locator =>
  scope.locator(`${dl} > div`, { has: scope.locator('dt', { hasText: new RegExp(`^${label}$`) }) }).locator('dd');

/**
 * The parent's side of one round: the newest plan mail in the Outbox, its
 * link, a code asked for and read from the Outbox in a second tab, the plan.
 */
export async function parentOpensPlan(
  p: Page,
  { round, firstName, parent, school, baseUrl, check }: { round: number; firstName: string; parent: { name: string; email: string }; school: string; baseUrl: string; check: (page: Page, name: string) => Promise<void> },
) {
  await parentOpensLink(p, {
    mail: new RegExp(`^Het plan voor ${escape(firstName)} van ${school}$`),
    mailCount: round,
    codeCount: round,
    link: /\/ouders\/opp#token=/,
    startHeading: 'Het plan van school',
    signedInHeading: `Het plan voor ${firstName}`,
    what: `plan, ronde ${round}`,
    parent,
    baseUrl,
    check,
  });
}

import { describe, expect, inject, it } from 'vitest';
import { journeyBrowser, newWatchedContext, type Page } from './browser.ts';
import { main } from './opp-steps.ts';
import { heading, pageChecker, signInAndEnrol } from './steps.ts';

/**
 * The meldcode in the browser: the first demo school's aandachtsfunctionaris
 * finds the open file on the start page and in the menu, records the talk
 * with the pupil (step 3), adds a colleague, and opens a new file for another
 * pupil found by name. Every page is scanned with axe at 1280 and 390 px.
 * The account is this journey's own (journeys share the demo, in any order).
 */
const baseUrl = inject('baseUrl');
const DEMO_PASSWORD = 'Leerrecht-demo-2026';
const OFFICER = 'aandacht.s1@demo.leerrecht.nl';
const j = journeyBrowser('meldcode');
const scanned: string[] = [];
const check = pageChecker(scanned);

async function checkBoth(page: Page, name: string) {
  await check(page, `${name} (1280)`);
  await page.setViewportSize({ width: 390, height: 844 });
  await check(page, `${name} (390)`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

describe('journey: the meldcode, kept apart', () => {
  it('the aandachtsfunctionaris records a step, adds a colleague and opens a new file', async () => {
    const { context, page, problems } = await newWatchedContext(j.browser);
    j.current = page;
    await signInAndEnrol(page, baseUrl, OFFICER, DEMO_PASSWORD, check, 'aandachtsfunctionaris', false);
    // The open file of the demo waits on the start page, and the menu has the meldcode.
    const item = page.getByRole('link', { name: /^Meldcode: dossier van .+ staat open$/ });
    await item.first().waitFor();
    await main(page, 'Meldcode');
    await heading(page, 'Meldcode huiselijk geweld en kindermishandeling');
    await checkBoth(page, 'Meldcode');
    await page.locator('tbody tr').first().getByRole('link').click();
    await heading(page, /^Meldcode: /);
    await checkBoth(page, 'Meldcodedossier');

    // Step 3: the talk with the pupil.
    const record = page.getByRole('form', { name: 'Stap vastleggen' });
    await record.getByLabel('Stap', { exact: true }).selectOption('3');
    const talk = `Gesprek ${Math.random().toString(36).slice(2, 8)}: de leerling vertelt over de spanningen thuis.`;
    await record.getByLabel('Wat is er gebeurd of besproken?').fill(talk);
    await record.getByRole('button', { name: 'Vastleggen' }).click();
    await page.getByRole('region', { name: 'Stap 3: gesprek met de leerling en de ouders' }).getByText(talk).waitFor();

    // A colleague added sees it from now on.
    const members = page.getByRole('form', { name: 'Collega’s toevoegen' });
    const first = members.getByRole('checkbox').first();
    const name = (await members.locator('label').first().textContent())!.trim();
    if (!(await first.isChecked())) await first.check();
    await members.getByRole('button', { name: 'Opslaan' }).click();
    await page.getByText(new RegExp(`Toegevoegd: .*${name}`)).waitFor();

    // A new file, for a pupil found by name.
    await main(page, 'Meldcode');
    await heading(page, 'Meldcode huiselijk geweld en kindermishandeling');
    await page.getByLabel('Leerling (naam of leerlingnummer)').fill('a');
    await page.getByRole('button', { name: 'Zoeken' }).click();
    const choice = page.getByRole('group', { name: 'Voor welke leerling?' }).getByRole('radio').first();
    await choice.check();
    await checkBoth(page, 'Meldcode: leerling gekozen');
    await page.getByRole('button', { name: 'Dossier openen' }).click();
    await heading(page, /^Meldcode: /);
    expect(await page.getByText('Nog niets vastgelegd.').count()).toBe(5);

    expect(problems).toEqual([]);
    await context.close();
    expect(scanned.length).toBeGreaterThan(6);
  });
});

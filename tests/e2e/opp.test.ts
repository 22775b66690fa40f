import fs from 'node:fs';
import path from 'node:path';
import { PDFParse } from 'pdf-parse';
import { describe, expect, inject, it } from 'vitest';
import { journeyBrowser, newWatchedContext, type Page } from './browser.ts';
import { ddOf, main, parentOpensPlan as openPlan, sub } from './opp-steps.ts';
import { escape, heading, pageChecker, signInAndEnrol } from './steps.ts';

/**
 * The OPP in three browsers: the OCO builds a plan from dossier facts and
 * sends it to a parent; the parent (no account) opens the mail in the
 * Outbox, asks for a code, reads the plan and disagrees; the OCO sees why,
 * makes version 2 and sends it again; the parent agrees; the mentor of the
 * pupil's class finds the plan's handelingsadvies in the klassenscan; an
 * evaluation makes version 3; the PDF of version 2 carries the signatures.
 *
 * Accounts of the partnership's second school (Lyceum Kampen): the support
 * route journey signs in (and enrols 2FA for) the first school's OCO and
 * mentor.1 on the same server, so this journey keeps to its own accounts and
 * pupils. The demo seeds classes school by school, one mentor per class: the
 * first school has 3 levels × 4 years, so mentor.13 is the mentor of the
 * second school's first class (1HAV) — asserted on Mijn klassen.
 */

const DEMO_PASSWORD = 'Leerrecht-demo-2026';
const OCO = 'oco.s2@demo.leerrecht.nl';
const MENTOR = 'mentor.13@demo.leerrecht.nl';
const SCHOOL = 'Lyceum Kampen';

const baseUrl = inject('baseUrl');
const uniq = Math.random().toString(36).slice(2, 8);
const parent = { name: `Sanne de Ouder ${uniq}`, email: `ouder-${uniq}@e2e.leerrecht.nl` };
const supporting = `Steun ${uniq}: wil graag leren en vraagt zelf om hulp als iets niet lukt.`;
const grounds = `Onderbouwing ${uniq}: de resultaten en de werkhouding passen bij een havo-diploma met steun bij plannen.`;
const goal = `Doel ${uniq}: plant het huiswerk zelf in de agenda`;
const goalSeen = 'Vier weken achter elkaar staat al het huiswerk op tijd in de agenda.';
const measure = `Maatregel ${uniq}: wekelijks planningsgesprek met de mentor`;
const advice = `Advies ${uniq}: schrijf het huiswerk aan het begin van de les op het bord en laat het noteren.`;
const whatWeSee = `Uw kind ${uniq} vindt plannen moeilijk en raakt overzicht kwijt.`;
const whatSchoolDoes = 'De mentor helpt elke week bij het plannen.';
const disagreement = `Bezwaar ${uniq}: één gesprek per week is te weinig; wij willen ook een gesprek met ons erbij.`;
const adjustment = `Aanpassing ${uniq}: elke maand een gesprek met de ouders erbij`;

const DAY = 86_400_000;
/** 'yyyy-mm-dd' in Dutch time, n days from now. */
const dutchDay = (n: number) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + n * DAY));
const goalBy = dutchDay(90);
const evaluationOn = dutchDay(60);

const j = journeyBrowser('opp');
const scanned: string[] = [];
const check = pageChecker(scanned);
const parentOpensPlan = (p: Page, round: number, firstName: string) => openPlan(p, { round, firstName, parent, school: SCHOOL, baseUrl, check });




describe('journey: the OPP from dossier facts to the signed PDF', () => {
  it('OCO builds and sends, parent disagrees then agrees, the mentor sees the advice, evaluation makes a new version, the PDF has the signatures', async () => {
    const t0 = Date.now();
    const ocoCtx = await newWatchedContext(j.browser);
    const mentorCtx = await newWatchedContext(j.browser);
    const parentCtx = await newWatchedContext(j.browser);
    const o = ocoCtx.page;
    const m = mentorCtx.page;
    const p = parentCtx.page;

    // ── Mentor: the class, a pupil with a dossier, the klassenscan before ──
    j.current = m;
    await signInAndEnrol(m, baseUrl, MENTOR, DEMO_PASSWORD, check, 'mentor');
    await main(m, 'Leerlingen');
    await heading(m, 'Leerlingen');
    await sub(m, 'Leerlingen', 'Mijn klassen');
    await heading(m, 'Mijn klassen');
    const myClass = m.locator('li.lr-card', { hasText: 'u bent mentor' }).filter({ hasText: SCHOOL });
    await myClass.waitFor();
    const className = (await myClass.getByRole('heading', { level: 2 }).textContent())!.replace(/^Klas\s+/, '').trim();
    expect(className).toBe('1HAV');
    await check(m, 'Mijn klassen');
    await myClass.getByRole('link', { name: `Leerlingen van ${className}` }).click();
    await heading(m, 'Leerlingen');
    await m.getByText(`Alleen leerlingen uit klas ${className}.`).waitFor();
    // Pupils with a dossier (the demo gives them kwadrant and logbook facts) have more than basic support.
    await m.getByLabel('Ondersteuningsniveau').selectOption({ label: 'Basisplus' });
    await m.waitForURL(/niveau=basisplus/);
    await expect.poll(() => m.locator('.lr-result-count').textContent()).toMatch(/^\d+ leerlingen? gevonden$/);
    await check(m, 'Leerlingen van de klas (basisplus)');
    const row = m.locator('tbody tr', { has: m.locator('.lr-level--basisplus') }).first();
    const pupilName = (await row.getByRole('link').textContent())!.trim();
    const pupilPath = (await row.getByRole('link').getAttribute('href'))!;
    expect(pupilPath).toMatch(/^\/leerlingen\/[0-9a-f-]{36}$/);

    await main(m, 'Leerlingen');
    await sub(m, 'Leerlingen', 'Mijn klassen');
    await heading(m, 'Mijn klassen');
    await m.getByRole('link', { name: `Klassenscan ${className}` }).click();
    await heading(m, `Klassenscan ${className}`);
    const scanRow = m.locator('tbody tr', { has: m.locator(`a[href="${pupilPath}"]`) });
    await scanRow.waitFor();
    expect(await scanRow.locator('li', { hasText: advice }).count()).toBe(0);
    await check(m, 'Klassenscan (vooraf)');

    // ── OCO: the pupil, Start OPP ───────────────────────────────────────────
    j.current = o;
    // The sign-in pages were scanned for the mentor.
    await signInAndEnrol(o, baseUrl, OCO, DEMO_PASSWORD, check, 'OCO', false);
    await main(o, 'Leerlingen');
    await heading(o, 'Leerlingen');
    await o.getByLabel('Zoek op naam of leerlingnummer').fill(pupilName);
    await o.getByRole('button', { name: 'Zoeken' }).click();
    await o.locator(`tbody a[href="${pupilPath}"]`).click();
    await heading(o, pupilName);
    const oppSection = o.locator('section#opp');
    await oppSection.getByText('Geen ontwikkelingsperspectiefplan.').waitFor();
    await check(o, 'Leerling (OCO, geen OPP)');
    await oppSection.getByRole('button', { name: 'Start OPP', exact: true }).click();
    await heading(o, `OPP van ${pupilName}`);
    const oppPath = new URL(o.url()).pathname;
    expect(oppPath).toMatch(/^\/opp\/[0-9a-f-]{36}$/);
    const oppId = oppPath.split('/')[2]!;
    expect(await ddOf(o, '.lr-opp-meta', 'Versie').textContent()).toBe('1');
    expect(await ddOf(o, '.lr-opp-meta', 'Status').textContent()).toBe('Concept');
    await o.locator('.lr-opp-fact').first().waitFor();
    await check(o, 'OPP (nieuw concept)');

    // ── The plan, built from a dossier fact ─────────────────────────────────
    await o.getByLabel('Uitstroombestemming').selectOption({ label: 'havo-diploma' });
    await o.getByLabel('Onderbouwing').fill(grounds);

    // A logbook entry (or else a kwadrant result) from the dossier, picked and used as a hindering factor.
    const factOf = (label: RegExp) => o.locator('.lr-opp-fact', { has: o.locator('.lr-opp-fact__label', { hasText: label }) }).first();
    const fact = (await factOf(/^Logboek/).count()) ? factOf(/^Logboek/) : factOf(/^Kwadrant/);
    const factText = (await fact.locator('.lr-opp-fact__text').textContent())!;
    const factLabel = (await fact.locator('.lr-opp-fact__label').textContent())!;
    await fact.getByRole('checkbox').check();
    await o.getByText('Feiten om te gebruiken (1 gekozen)').waitFor();
    await fact.getByRole('button', { name: /^Als belemmerende factor/ }).click();
    await fact.getByText('Gebruikt als factor').waitFor();
    const hindering = o.getByRole('group', { name: /^Belemmerende factor 1/ });
    await hindering.getByText('uit dossier').waitFor();
    expect(await hindering.getByLabel('Omschrijving').inputValue()).toBe(factText.slice(0, 1000));
    // The focus is on the new factor's category.
    await expect.poll(() => hindering.getByLabel('Categorie').evaluate((el) => el === document.activeElement)).toBe(true);
    await hindering.getByLabel('Categorie').selectOption({ label: 'Werkhouding' });

    await o.getByRole('button', { name: 'Bevorderende factor toevoegen' }).click();
    const supportingRow = o.getByRole('group', { name: /^Bevorderende factor 1/ });
    await supportingRow.getByLabel('Categorie').selectOption({ label: 'Leren' });
    await supportingRow.getByLabel('Omschrijving').fill(supporting);

    await o.getByRole('button', { name: 'Doel toevoegen' }).click();
    const goal1 = o.getByRole('group', { name: 'Doel 1', exact: true });
    await goal1.getByLabel('Wat is het doel?').fill(goal);
    await goal1.getByLabel('Hoe zien we dat het doel bereikt is?').fill(goalSeen);
    await goal1.getByLabel('Wanneer (uiterlijk)?').fill(goalBy);

    await o.getByRole('button', { name: 'Maatregel toevoegen' }).click();
    const measure1 = o.getByRole('group', { name: 'Maatregel 1', exact: true });
    await measure1.getByLabel('Aspect van ondersteuning').selectOption({ label: 'Extra handen / aandacht' });
    await measure1.getByLabel('Wat gaat de school doen?').fill(measure);
    await measure1.getByLabel('Wie doet het?').fill('Mentor');
    await measure1.getByLabel('Uren per week').fill('0,5');

    await o.getByRole('button', { name: 'Evaluatiemoment toevoegen' }).click();
    await o.getByLabel('Evaluatiemoment 1', { exact: true }).fill(evaluationOn);

    // Starting the plan copied the dossier's advice; ours comes after.
    const adviceCount = await o.locator('input[name^="opp.handelingsadviezen."]').count();
    await o.getByRole('button', { name: 'Handelingsadvies toevoegen' }).click();
    await o.getByLabel(`Handelingsadvies ${adviceCount + 1}`, { exact: true }).fill(advice);

    await o.getByLabel('Wat zien we bij uw kind?').fill(whatWeSee);
    await o.getByLabel('Wat doet de school?').fill(whatSchoolDoes);
    await o.getByLabel('Wanneer praten we weer?').fill('Over twee maanden, op school.');
    await check(o, 'OPP (ingevuld, niet opgeslagen)');

    await o.getByRole('button', { name: 'Plan opslaan' }).click();
    await o.getByText('Het plan is opgeslagen.').waitFor();
    await o.getByText('✓ Het plan is compleet.').waitFor();
    await check(o, 'OPP (opgeslagen)');

    // ── Send to the parent ──────────────────────────────────────────────────
    const send = async (round: number) => {
      await o.getByRole('button', { name: 'Versturen naar ouders' }).click();
      const dialog = o.getByRole('dialog', { name: 'Versturen naar ouders' });
      await dialog.waitFor();
      // A first-year pupil: only the parent signs.
      await dialog.getByText(/Moet tekenen: ouder of verzorger \(leerling is \d+ jaar\)\./).waitFor();
      // The dialog starts from the parents with parental authority in the dossier (the demo pupil has one or two): nothing to retype.
      const legends = await dialog.locator('fieldset legend').allTextContents();
      expect(legends.length).toBeGreaterThan(0);
      for (const l of legends) expect(l).toMatch(/^Ontvanger \d: Ouder of verzorger$/);
      expect(await dialog.getByLabel('E-mailadres').first().inputValue()).toMatch(/@ouders\.example\.nl$/);
      // This journey's parent reads a mailbox of its own: keep one row and put that address in it.
      while ((await dialog.locator('fieldset').count()) > 1) await dialog.getByRole('button', { name: /^Ontvanger \d+ verwijderen$/ }).last().click();
      await dialog.getByLabel('Naam').fill(parent.name);
      await dialog.getByLabel('E-mailadres').fill(parent.email);
      await check(o, `OPP (versturen, ronde ${round})`);
      await dialog.getByRole('button', { name: 'Versturen', exact: true }).click();
      await o.getByText('Het plan is verstuurd. De ontvangers krijgen een e-mail met een persoonlijke link.').waitFor();
      await expect.poll(() => ddOf(o, '.lr-opp-meta', 'Status').textContent()).toBe('Bij ouders');
      await check(o, `OPP (verstuurd, ronde ${round})`);
    };
    await send(1);
    await o.getByText('Deze versie is naar de ouders gestuurd en ligt vast.', { exact: false }).waitFor();

    // ── The parent: mail, code, plan (summary first), disagrees ────────────
    j.current = p;
    const firstName = pupilName.split(' ')[0]!;
    await parentOpensPlan(p, 1, firstName);
    // The plain summary comes first, then the whole plan, then the question.
    const h2s = await p.getByRole('heading', { level: 2 }).allTextContents();
    expect(h2s.indexOf('Het plan in het kort')).toBeGreaterThanOrEqual(0);
    expect(h2s.indexOf('Het plan in het kort')).toBeLessThan(h2s.indexOf('Het hele plan'));
    expect(h2s.indexOf('Het hele plan')).toBeLessThan(h2s.indexOf('Bent u het eens met de afspraken over de ondersteuning?'));
    await p.getByText(whatWeSee).waitFor();
    await p.getByText(whatSchoolDoes).waitFor();
    await p.getByText('Versie 1, gestuurd op', { exact: false }).waitFor();
    await check(p, 'Ouder: plan (versie 1)');
    // The whole plan: the factor from the dossier fact, the goal.
    const factors = p.locator('details', { has: p.locator('summary', { hasText: 'Wat goed gaat en wat moeilijk is' }) });
    await factors.locator('summary').click();
    await factors.getByText(`Werkhouding: ${factText}`).waitFor();
    await factors.getByText(`Leren: ${supporting}`).waitFor();
    const goals = p.locator('details', { has: p.locator('summary', { hasText: 'De doelen' }) });
    await goals.locator('summary').click();
    await goals.getByText(goal).waitFor();
    await check(p, 'Ouder: plan (onderdelen open)');

    await p.getByLabel('Nee, ik ben het niet eens').check();
    await p.getByLabel('Waarmee bent u het niet eens?').fill(disagreement);
    await p.getByRole('button', { name: 'Verstuur mijn antwoord' }).click();
    const answered = p.locator('section', { has: p.getByRole('heading', { level: 2, name: 'Uw antwoord' }) });
    await answered.getByText(/U heeft op .* gezegd dat u het niet eens bent met het plan\./).waitFor();
    await answered.getByText(disagreement).waitFor();
    await answered.getByRole('heading', { level: 2, name: 'Waar kunt u terecht?' }).waitFor();
    await answered.getByText('Geschillencommissie passend onderwijs.').waitFor();
    expect(await p.getByRole('button', { name: 'Verstuur mijn antwoord' }).count()).toBe(0);
    await check(p, 'Ouder: niet eens');

    // ── OCO: the disagreement on the pupil page and in the plan ────────────
    j.current = o;
    await o.getByRole('link', { name: `← ${pupilName}` }).click();
    await heading(o, pupilName);
    const planItem = oppSection.locator('li', { has: o.getByRole('link', { name: 'OPP, versie 1' }) });
    await planItem.getByText('Niet ingestemd', { exact: true }).waitFor();
    await check(o, 'Leerling (OCO, niet ingestemd)');
    await planItem.getByRole('link', { name: 'OPP, versie 1' }).click();
    await heading(o, `OPP van ${pupilName}`);
    await expect.poll(() => ddOf(o, '.lr-opp-meta', 'Status').textContent()).toBe('Niet ingestemd');
    const disagreed = o.getByRole('region', { name: 'Niet ingestemd' });
    await disagreed.locator('blockquote', { hasText: disagreement }).getByText(`— ${parent.name} (ouder of verzorger)`, { exact: false }).waitFor();
    for (const route of ['Klachtencommissie van de school', 'Geschillencommissie passend onderwijs', 'Onderwijsconsulent']) {
      await disagreed.locator('li', { hasText: route }).waitFor();
    }
    const response1 = o.locator('#reacties tbody tr', { hasText: parent.name });
    expect((await response1.locator('td').allTextContents()).slice(1, 4)).toEqual(['Niet ingestemd', disagreement, 'Online']);
    await check(o, 'OPP (niet ingestemd)');

    // ── Version 2: the adjustment, sent again ───────────────────────────────
    await o.getByRole('button', { name: 'Nieuwe versie maken' }).click();
    await o.getByText('Er is een nieuwe conceptversie gemaakt. U kunt het plan nu aanpassen.').waitFor();
    await expect.poll(() => ddOf(o, '.lr-opp-meta', 'Versie').textContent()).toBe('2');
    await expect.poll(() => ddOf(o, '.lr-opp-meta', 'Status').textContent()).toBe('Concept');
    // Version 2 starts as a copy of version 1.
    expect(await o.getByRole('group', { name: 'Maatregel 1', exact: true }).getByLabel('Wat gaat de school doen?').inputValue()).toBe(measure);
    await check(o, 'OPP (versie 2, concept)');
    await o.getByRole('button', { name: 'Maatregel toevoegen' }).click();
    const measure2 = o.getByRole('group', { name: 'Maatregel 2', exact: true });
    await measure2.getByLabel('Aspect van ondersteuning').selectOption({ label: 'Samenwerking met andere scholen en instanties' });
    await measure2.getByLabel('Wat gaat de school doen?').fill(adjustment);
    await measure2.getByLabel('Wie doet het?').fill('Mentor en OCO');
    await measure2.getByLabel('Uren per week').fill('0,25');
    await o.getByLabel('Wat doet de school?').fill(`${whatSchoolDoes} Elke maand praten we met u erbij.`);
    await o.getByRole('button', { name: 'Plan opslaan' }).click();
    await o.getByText('Het plan is opgeslagen.').waitFor();
    await o.getByText('✓ Het plan is compleet.').waitFor();
    await send(2);

    // The two versions side by side.
    await o.getByRole('link', { name: 'Vergelijk met versie 1' }).click();
    await heading(o, `Versies vergelijken – OPP van ${pupilName}`);
    await o.getByText(/^\d+ van de \d+ onderdelen zijn gewijzigd\.$/).waitFor();
    await o.getByText(adjustment).first().waitFor();
    await check(o, 'OPP vergelijken (1 en 2)');

    // ── The parent agrees with version 2 ────────────────────────────────────
    j.current = p;
    await parentOpensPlan(p, 2, firstName);
    await p.getByText('Versie 2, gestuurd op', { exact: false }).waitFor();
    await p.getByText('Elke maand praten we met u erbij.', { exact: false }).waitFor();
    await check(p, 'Ouder: plan (versie 2)');
    await p.getByLabel('Ja, ik ben het eens').check();
    await p.getByRole('button', { name: 'Verstuur mijn antwoord' }).click();
    await p.getByText(/Bedankt\. U heeft op .* gezegd dat u het eens bent met het plan\. Het plan geldt nu\./).waitFor();
    await check(p, 'Ouder: eens');

    // ── Mentor: the plan's advice in the klassenscan ────────────────────────
    j.current = m;
    await m.reload();
    await heading(m, `Klassenscan ${className}`);
    await scanRow.locator('li', { hasText: advice }).waitFor();
    await check(m, 'Klassenscan (na instemming)');

    // ── OCO: agreed; the evaluation makes version 3 ─────────────────────────
    j.current = o;
    await o.getByRole('navigation', { name: 'Kruimelpad' }).getByRole('link', { name: 'OPP', exact: true }).click();
    await heading(o, `OPP van ${pupilName}`);
    await expect.poll(() => ddOf(o, '.lr-opp-meta', 'Status').textContent()).toBe('Ingestemd');
    const response2 = o.locator('#reacties tbody tr', { hasText: parent.name });
    expect((await response2.locator('td').allTextContents()).slice(1, 4)).toEqual(['Ingestemd', '—', 'Online']);
    await check(o, 'OPP (ingestemd)');

    await o.getByRole('button', { name: 'Evalueren', exact: true }).click();
    const evaluation = o.getByRole('form', { name: 'Evalueren' });
    await evaluation.getByRole('group', { name: `Doel 1: ${goal}` }).getByLabel('Deels behaald', { exact: true }).check();
    await evaluation.getByRole('group', { name: `Maatregel 1: ${measure}` }).getByLabel('Doorgaan', { exact: true }).check();
    await evaluation.getByRole('group', { name: `Maatregel 2: ${adjustment}` }).getByLabel('Aanpassen', { exact: true }).check();
    await evaluation.getByLabel('Nieuwe versie van het plan').check();
    await evaluation.getByLabel('Toelichting (optioneel)').last().fill('Plannen gaat beter; het maandgesprek met ouders blijft.');
    await check(o, 'OPP (evalueren)');
    await evaluation.getByRole('button', { name: 'Evaluatie opslaan' }).click();
    await o.getByText(/^De evaluatie is vastgelegd\. Versie \d+ is gemaakt als nieuw concept\.$/).waitFor();
    const versionAfterEvaluation = await ddOf(o, '.lr-opp-meta', 'Versie').textContent();
    // Version 1 was not agreed, version 2 was: the evaluation's new version is the third.
    expect(versionAfterEvaluation).toBe('3');
    await o.getByText('De evaluatie is vastgelegd. Versie 3 is gemaakt als nieuw concept.').waitFor();
    await expect.poll(() => ddOf(o, '.lr-opp-meta', 'Status').textContent()).toBe('Concept');
    await o.locator('#evaluaties li', { hasText: 'Nieuwe versie van het plan' }).getByText(`Deels behaald: ${goal}`, { exact: false }).waitFor();
    await expect.poll(() => o.locator('#versies tbody tr').count()).toBe(3);
    await o.locator('#versies tbody tr', { hasText: 'Versie 3 (huidig)' }).waitFor();
    await check(o, 'OPP (na evaluatie, versie 3)');

    // ── The PDF: the link downloads; version 2 carries both responses ──────
    const outDir = path.resolve(import.meta.dirname, '../../.tmp');
    fs.mkdirSync(outDir, { recursive: true });
    const [download] = await Promise.all([o.waitForEvent('download'), o.getByRole('link', { name: 'Download als PDF' }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const current3 = path.join(outDir, `e2e-opp-${uniq}-huidig.pdf`);
    await download.saveAs(current3);
    expect(fs.readFileSync(current3).subarray(0, 5).toString()).toBe('%PDF-');

    const res = await o.request.get(`${baseUrl}/api/opps/${oppId}/pdf?version=2`);
    expect(res.status()).toBe(200);
    expect(res.headers()['content-type']).toMatch(/^application\/pdf/);
    const body = await res.body();
    const v2 = path.join(outDir, `e2e-opp-${uniq}-versie-2.pdf`);
    fs.writeFileSync(v2, body);
    const text = (await new PDFParse({ data: new Uint8Array(body) }).getText()).text.replace(/\s+/g, ' ');
    expect(text).toContain('OPP — versie 2');
    expect(text).toContain(pupilName);
    expect(text).toContain(advice);
    expect(text).toContain(factText);
    const signing = text.slice(text.indexOf('8. Instemming en ondertekening'));
    expect(signing.length, 'the PDF has its signing section').toBeLessThan(text.length);
    const earlierAt = signing.indexOf('Reacties op eerdere versies');
    // Version 2's own signature: the parent agreed, online.
    const own = earlierAt >= 0 ? signing.slice(0, earlierAt) : signing;
    expect(own).toMatch(new RegExp(`Ouder / verzorger ${escape(parent.name)} Ingestemd — Online`));
    // The record of version 1: the parent's disagreement, with the comment.
    expect(earlierAt, 'the PDF of version 2 records the responses to version 1').toBeGreaterThanOrEqual(0);
    const earlier = signing.slice(earlierAt);
    expect(earlier).toContain('Niet ingestemd');
    expect(earlier).toContain(`Bezwaar ${uniq}:`);
    expect(earlier).toContain(uniq);
    fs.rmSync(current3, { force: true });
    fs.rmSync(v2, { force: true });

    await ocoCtx.context.close();
    await mentorCtx.context.close();
    await parentCtx.context.close();
    expect([...ocoCtx.problems, ...mentorCtx.problems, ...parentCtx.problems]).toEqual([]);
    expect(scanned.length).toBeGreaterThanOrEqual(30);
    console.log(`OPP journey: ${scanned.length} pages scanned in ${Math.round((Date.now() - t0) / 1000)} s (fact used: ${factLabel})`);
  });
});

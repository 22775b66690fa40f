import { PDFParse } from 'pdf-parse';
import { describe, expect, inject, it } from 'vitest';
import { axeScan, journeyBrowser, newWatchedContext, type Page } from './browser.ts';
import { main, menuLink } from './opp-steps.ts';
import { heading, pageChecker, parentOpensLink, signInAndEnrol } from './steps.ts';
import type { Locator } from 'playwright-core';

/**
 * A TLV request from the dossier to the decision, in six browsers: the OCO
 * of the third school composes it from the pupil's agreed OPP, its
 * evaluation and a test report (the demo's ready dossier); the completeness
 * check blocks submission until the parent consents through the mail link;
 * the loket asks an addition inline and the OCO answers by sending a logbook
 * note after the request, once the same parent consented to it by mail
 * (nothing retyped); two experts advise;
 * the request moves to the director by itself, who grants a vso TLV in
 * category laag; the decision letter and the DUO export hold the right
 * fields; the parent's page shows the decision.
 *
 * Everything the OCO clicks or types is counted: the issue asks that nothing
 * the system knows is typed again.
 */

const PASSWORD = 'Leerrecht-demo-2026';
const at = (local: string) => `${local}@demo.leerrecht.nl`;
const baseUrl = inject('baseUrl');
const uniq = Math.random().toString(36).slice(2, 8);
const parent = { name: `Ouder Aanvraag ${uniq}`, email: `aanvraag-${uniq}@e2e.leerrecht.nl` };
const texts = {
  question: `Vraag ${uniq}: is deze leerling toelaatbaar tot het vso?`,
  done: 'Een jaar OPP met dagelijkse coaching en een time-outplek; de doelen zijn niet gehaald.',
  expectation: 'Een TLV voor het vso, zodat de leerling in een kleine groep verder kan.',
};

const j = journeyBrowser('request');
const scanned: string[] = [];
const check = pageChecker(scanned);

/** The OCO's clicks and typed fields, counted from the start page on. */
const oco = { clicks: 0, typed: 0 };
const click = async (l: Locator) => {
  oco.clicks++;
  await l.click();
};
const type = async (l: Locator, text: string) => {
  oco.typed++;
  await l.fill(text);
};


async function signedIn(email: string, who: string) {
  const ctx = await newWatchedContext(j.browser);
  j.current = ctx.page;
  await signInAndEnrol(ctx.page, baseUrl, email, PASSWORD, check, who, false);
  const session = await (await ctx.page.request.get(`${baseUrl}/api/auth/session`)).json();
  return { ...ctx, userId: session.user.id as string };
}

const flash = (page: Page, text: string | RegExp) => page.getByTestId('aanvraag-melding').filter({ hasText: text }).waitFor();

describe('journey: a TLV request composed from the dossier, to the decision', () => {
  it('composes without retyping, waits for consent, takes an addition inline, two advices, a decision the parent can read', async () => {
    const s = await signedIn(at('oco.s3'), 'OCO school 3');
    const o = s.page;

    // From the OPP overview to the pupil: the one plan of this school is the ready dossier.
    await click(menuLink(o, 'Hoofdmenu', 'OPP'));
    await heading(o, 'OPP-overzicht');
    const planLink = o.locator('a[href^="/opp/"]').first();
    const pupilName = (await planLink.textContent())!.trim();
    const firstName = pupilName.split(' ')[0]!;
    await click(planLink);
    await click(o.getByRole('link', { name: `← ${pupilName}` }));
    await heading(o, pupilName);

    // On a phone (390 px) every table of the pupil's page is a labelled region the keyboard reaches, so it can be scrolled (axe: scrollable-region-focusable).
    await o.setViewportSize({ width: 390, height: 844 });
    const wraps = await o.locator('.lr-table-wrap').all();
    for (const wrap of wraps) expect([await wrap.getAttribute('tabindex'), await wrap.getAttribute('role'), !!(await wrap.getAttribute('aria-label'))]).toEqual(['0', 'region', true]);
    expect((await axeScan(o)).violations).toEqual([]);
    await o.setViewportSize({ width: 1280, height: 900 });

    // Start a TLV request for the vso: three clicks.
    await click(o.getByLabel('Toelaatbaarheidsverklaring (TLV)'));
    await click(o.getByLabel('vso', { exact: true }));
    await click(o.getByRole('button', { name: 'Aanvraag starten' }));
    await o.waitForURL(/\/aanvragen\/[0-9a-f-]{36}$/);
    const requestId = o.url().split('/').pop()!;
    await heading(o, `TLV-aanvraag voor ${pupilName}`);
    await check(o, 'Aanvraag: nieuw');

    // Only what is new is typed; the rest is ticked from the dossier.
    await type(o.getByLabel('Wat is de vraag aan het samenwerkingsverband?'), texts.question);
    await type(o.getByLabel('Wat heeft de school al gedaan, en met welk effect?'), texts.done);
    await type(o.getByLabel('Wat verwacht de school van het samenwerkingsverband?'), texts.expectation);
    await click(o.getByRole('button', { name: 'Aanvraag opslaan' }));
    await o.getByText('De aanvraag is opgeslagen.').waitFor();
    for (const group of ['opp_version', 'opp_evaluation', 'document']) {
      const box = o.getByTestId(`dossier-${group}`).locator('input[type=checkbox]').first();
      await click(box);
      await expect.poll(() => box.isChecked()).toBe(true);
      await o.waitForLoadState('networkidle');
    }
    // Everything the partnership requires is there except the parents' consent: submitting is blocked.
    const missing = o.getByTestId('ontbreekt').locator('[data-part]');
    await expect.poll(() => missing.evaluateAll((items) => items.map((i) => i.getAttribute('data-part')))).toEqual(['parent_consent']);
    await expect.poll(() => o.getByRole('button', { name: 'Aanvraag indienen' }).isDisabled()).toBe(true);
    await check(o, 'Aanvraag: toestemming ontbreekt');

    // Consent asked by mail.
    await click(o.getByRole('button', { name: 'Toestemming vragen per e-mail' }));
    const mailForm = o.getByRole('form', { name: 'Toestemming vragen per e-mail' });
    await type(mailForm.getByLabel('Naam'), parent.name);
    await type(mailForm.getByLabel('E-mailadres'), parent.email);
    await click(mailForm.getByRole('button', { name: 'E-mails versturen' }));
    await o.getByText(/De vraag om toestemming is gemaild/).waitFor();
    await o.getByTestId('toestemming-gevraagd').getByText('wacht op antwoord').waitFor();

    // The parent consents through the link, confirmed with a code.
    const parentCtx = await newWatchedContext(j.browser);
    const p = parentCtx.page;
    j.current = p;
    const parentRound = (round: number, mail: RegExp, what: string) =>
      parentOpensLink(p, { mail, mailCount: 1, codeCount: round, link: /\/ouders\/aanvraag#token=/, startHeading: 'De aanvraag van school', signedInHeading: `De aanvraag voor ${firstName}`, what, parent, baseUrl, check });
    await parentRound(1, new RegExp(`vraagt uw toestemming: aanvraag voor ${firstName}$`), 'aanvraag, toestemming');
    await p.getByText(texts.question).waitFor();
    await check(p, 'Ouder: aanvraag lezen');
    await p.getByLabel('Ik geef toestemming').check();
    // Informed consent: nothing is ticked before the parent ticks it, and each item can be read first (the first is the newest of the dossier).
    expect(await p.locator('input[type=checkbox][name^="stuk-"]').count()).toBeGreaterThanOrEqual(3);
    expect(await p.locator('input[type=checkbox][name^="stuk-"]:checked').count()).toBe(0);
    await p.getByRole('button', { name: 'Lees dit stuk' }).first().click();
    await p.getByRole('button', { name: 'Stuk sluiten' }).waitFor();
    await p.locator('.lr-consent-reader__panel h3').first().waitFor();
    await check(p, 'Ouder: een stuk lezen');
    // The parent ticks the ordinary items and leaves health data out.
    const ordinary = p.locator('.lr-consent-item').filter({ hasNotText: 'gezondheidsgegevens' }).locator('input[type=checkbox]');
    for (const box of await ordinary.all()) await box.check();
    await expect.poll(() => p.locator('input[type=checkbox][name^="stuk-"]:checked').count()).toBe(3);
    await p.getByRole('button', { name: 'Verstuur mijn antwoord' }).click();
    await p.getByRole('heading', { level: 2, name: 'Uw antwoord' }).waitFor();
    await check(p, 'Ouder: toestemming gegeven');

    // Back at school: complete, submitted.
    j.current = o;
    oco.clicks++; // the OCO opens the request again
    await o.reload();
    await o.getByTestId('compleet').waitFor();
    await o.getByTestId('toestemming-gevraagd').getByText('heeft geantwoord').waitFor();
    await click(o.getByRole('button', { name: 'Aanvraag indienen' }));
    await flash(o, 'De aanvraag is ingediend bij het samenwerkingsverband.');
    await check(o, 'Aanvraag: ingediend');

    // The loket takes it and asks an addition inline.
    const l = (await signedIn(at('consulent'), 'consulent')).page;
    await main(l, 'Aanvragen');
    await heading(l, 'Aanvragen');
    await check(l, 'Aanvragen: loket');
    const row = l.locator(`tr[data-request="${requestId}"]`);
    await row.getByRole('button', { name: /^Zelf oppakken/ }).click();
    await l.getByText(/U behandelt nu de aanvraag/).waitFor();
    await row.getByRole('link').first().click();
    await heading(l, `TLV-aanvraag voor ${pupilName}`);
    // The consultant reads what was shared: the OPP's goals as agreed, the test report itself.
    const shared = l.locator('details.lr-req-details');
    await expect.poll(() => shared.count()).toBe(3);
    for (const d of await shared.all()) await d.locator('summary').click();
    await l.getByText('Werkt een lesuur in de klas zonder weg te lopen').waitFor();
    const report = await l.request.get(`${baseUrl}${await l.getByRole('link', { name: /^Download Intelligentieonderzoek/ }).getAttribute('href')}`);
    expect(report.status()).toBe(200);
    await check(l, 'Aanvraag: loket');
    await l.getByRole('button', { name: 'Aanvulling vragen' }).click();
    await l.getByLabel('Wat moet de school aanvullen?').fill('Hoe vaak liep de leerling de afgelopen maand de klas uit? Stuur de notities uit het logboek mee.');
    await l.getByRole('button', { name: 'Vraag om aanvulling versturen' }).click();
    await l.getByText(/De vraag om aanvulling is verstuurd/).waitFor();
    expect(await l.getByTestId('aanvraag-status').textContent()).toContain('In behandeling');

    // The OCO answers by sending the logbook note after the request, with the parent's consent for it, asked of the same parent.
    j.current = o;
    oco.clicks++; // from the mail "vraagt een aanvulling" back to the request
    await o.reload();
    await o.getByTestId('aanvulling-vraag').waitFor();
    await check(o, 'Aanvraag: aanvulling gevraagd');
    await click(o.getByRole('button', { name: 'Kies uit het dossier' }));
    await click(o.getByTestId('dossier-logbook').locator('input[type=checkbox]').first());
    await flash(o, /staat klaar om na te sturen/);
    await o.getByTestId('nasturen-ontbreekt').waitFor();
    await check(o, 'Aanvraag: stukken nasturen');
    await click(o.getByRole('button', { name: 'Toestemming vragen per e-mail' }));
    const again = o.getByRole('form', { name: 'Toestemming vragen per e-mail' });
    expect(await again.getByLabel('E-mailadres').inputValue()).toBe(parent.email);
    await click(again.getByRole('button', { name: 'E-mails versturen' }));
    await o.getByText(/De vraag om toestemming is gemaild/).waitFor();

    j.current = p;
    await parentRound(2, new RegExp(`vraagt uw toestemming om stukken na te sturen: aanvraag voor ${firstName}$`), 'aanvraag, nasturen');
    await p.getByRole('heading', { name: 'Wat wil de school nasturen?' }).waitFor();
    await p.getByLabel('Ik geef toestemming').check();
    for (const box of await p.locator('.lr-consent-item').filter({ hasNotText: 'gezondheidsgegevens' }).locator('input[type=checkbox]').all()) await box.check();
    await expect.poll(() => p.locator('input[type=checkbox][name^="stuk-"]:checked').count()).toBe(1);
    await check(p, 'Ouder: toestemming nasturen');
    await p.getByRole('button', { name: 'Verstuur mijn antwoord' }).click();
    await p.getByRole('heading', { level: 2, name: 'Uw antwoord' }).waitFor();

    j.current = o;
    oco.clicks++; // the OCO opens the request again
    await o.reload();
    await expect.poll(() => o.getByTestId('nasturen-ontbreekt').count()).toBe(0);
    await type(o.getByLabel('Toelichting (mag leeg blijven)'), 'Vier keer in de laatste week, steeds in het derde lesuur; zie het logboek.');
    await click(o.getByRole('button', { name: 'Stuk nasturen' }));
    await flash(o, /De stukken en uw antwoord zijn verstuurd/);
    await o.getByTestId('nagestuurd').waitFor();

    // The consultant reads the answer and the note that came with it.
    j.current = l;
    await l.reload();
    await l.getByTestId('aanvulling-antwoord').getByTestId('nagestuurd').waitFor();
    await expect.poll(() => l.locator('details.lr-req-details').count()).toBe(4);

    // Two experts: an orthopedagoog and a kinderpsychiater.
    const e1 = await signedIn(at('deskundige'), 'deskundige 1');
    const e2 = await signedIn(at('deskundige2'), 'deskundige 2');
    j.current = l;
    await l.reload();
    await l.getByRole('button', { name: 'Deskundigen vragen' }).waitFor();
    const names = l.getByLabel('Naam', { exact: true });
    const disciplines = l.getByLabel('Deskundigheid');
    await names.nth(0).selectOption(e1.userId);
    await disciplines.nth(0).selectOption('orthopedagoog');
    await names.nth(1).selectOption(e2.userId);
    await disciplines.nth(1).selectOption('kinderpsychiater');
    await l.getByRole('button', { name: 'Deskundigen vragen' }).click();
    await l.getByText('De deskundigen zijn gevraagd om advies.').waitFor();
    await check(l, 'Aanvraag: deskundigen gevraagd');

    for (const [i, e] of [e1, e2].entries()) {
      j.current = e.page;
      await main(e.page, 'Aanvragen');
      await e.page.locator(`a[href="/aanvragen/${requestId}"]`).click();
      await e.page.getByRole('heading', { level: 3, name: 'Uw advies' }).waitFor();
      if (i === 0) await check(e.page, 'Aanvraag: advies deskundige');
      await e.page.getByLabel('Wat heeft de leerling nodig?').fill('Een kleine groep met een vaste begeleider en veel voorspelbaarheid.');
      await e.page.getByLabel('Waarom kan de school dat niet bieden?').fill('Een jaar coaching in een klas van dertig leverde geen vooruitgang op.');
      await e.page.getByLabel('Toelaatbaar', { exact: true }).check();
      await e.page.getByLabel('Bekostigingscategorie').selectOption('1');
      await e.page.getByLabel('Duur in maanden').fill('24');
      await e.page.getByRole('button', { name: 'Advies opslaan' }).click();
      await e.page.getByText('Uw advies is opgeslagen.').waitFor();
    }

    // Both advices in: the request is with the director, who grants a vso TLV, category laag.
    const d = (await signedIn(at('directeur'), 'directeur')).page;
    await main(d, 'Aanvragen');
    await heading(d, 'Aanvragen');
    await d.locator(`a[href="/aanvragen/${requestId}"]`).click();
    const decision = d.getByRole('form', { name: 'Besluit nemen' });
    await decision.waitFor();
    expect(await d.getByTestId('aanvraag-status').textContent()).toContain('Klaar voor besluit');
    await check(d, 'Aanvraag: besluit nemen');
    await decision.getByLabel('Toegekend', { exact: true }).check();
    expect(await decision.getByLabel('Bekostigingscategorie').inputValue()).toBe('1');
    await decision.getByLabel('Cluster', { exact: true }).selectOption('4');
    await decision.getByLabel('Uitleg van het besluit').fill('De leerling heeft een kleine groep nodig die de school niet kan bieden. Daarom krijgt de leerling een TLV voor het vso.');
    const startsOn = await decision.getByLabel('Begindatum').inputValue();
    const endsOn = await decision.getByLabel('Einddatum').inputValue();
    await decision.getByRole('button', { name: 'Besluit vastleggen' }).click();
    await flash(d, /Het besluit is vastgelegd/);
    await check(d, 'Aanvraag: besluit genomen');

    // The letter names the TLV number, kind, category, period and the objection route.
    const letterUrl = await d.getByTestId('besluit-pdf').getAttribute('href');
    const letter = await d.request.get(`${baseUrl}${letterUrl}`);
    expect(letter.headers()['content-type']).toContain('application/pdf');
    const text = (await new PDFParse({ data: new Uint8Array(await letter.body()) }).getText()).text;
    const number = /TLV[- ]?(?:nummer|nr\.?)\s*:?\s*(\d+)/i.exec(text)?.[1];
    expect(number, text).toBeDefined();
    for (const fact of ['vso', 'laag', 'bezwaar']) expect(text.toLowerCase()).toContain(fact);

    // The DUO export has the TLV with its number, dates and category 1.
    await main(d, 'TLV-register');
    await heading(d, 'TLV-register');
    await check(d, 'TLV-register');
    const csv = await (await d.request.get(`${baseUrl}/api/tlvs/duo-export.csv`)).text();
    const line = csv.split(/\r?\n/).find((r) => r.split(';')[1] === number);
    expect(line, csv.slice(0, 400)).toBeDefined();
    const cells = line!.split(';');
    expect(cells[0]).toBe('VO2699');
    expect(cells).toEqual(expect.arrayContaining([startsOn, endsOn, 'VSO', '1', '4']));

    // The parent reads the decision, in plain words, through the new link.
    j.current = p;
    await parentOpensLink(p, {
      mail: new RegExp(`^Er is een besluit over de aanvraag voor ${firstName}$`),
      mailCount: 1,
      codeCount: 3,
      link: /\/ouders\/aanvraag#token=/,
      startHeading: 'De aanvraag van school',
      signedInHeading: `De aanvraag voor ${firstName}`,
      what: 'aanvraag, besluit',
      parent,
      baseUrl,
      check,
    });
    const decided = p.getByRole('region', { name: 'Het besluit' });
    await decided.getByText('Toegekend.').waitFor();
    await decided.getByText(/laag \(1\)/).waitFor();
    await check(p, 'Ouder: besluit');
    const parentLetter = await p.request.get(`${baseUrl}${await decided.getByRole('link', { name: 'Download de besluitbrief (pdf)' }).getAttribute('href')}`);
    expect(parentLetter.headers()['content-type']).toContain('application/pdf');
    expect((await new PDFParse({ data: new Uint8Array(await parentLetter.body()) }).getText()).text).toContain(`${number}`);

    // A consultation without a pupil's name, from the school's list.
    j.current = o;
    await main(o, 'Aanvragen');
    await heading(o, 'Aanvragen');
    await o.getByRole('button', { name: 'Aanvraag zonder leerling' }).click();
    await check(o, 'Aanvragen: school');
    await o.getByRole('form', { name: 'Aanvraag zonder leerling' }).getByRole('button', { name: 'Aanvraag starten' }).click();
    await heading(o, /^Consultatievraag/);
    await o.getByLabel('Wat is de vraag aan het samenwerkingsverband?').fill('Hoe gaan andere scholen om met een leerling die elke dag de klas uitloopt?');
    await o.getByRole('button', { name: 'Aanvraag opslaan' }).click();
    await o.getByTestId('compleet').waitFor();
    await o.getByRole('button', { name: 'Aanvraag indienen' }).click();
    await flash(o, 'De aanvraag is ingediend bij het samenwerkingsverband.');
    await check(o, 'Consultatievraag: ingediend');

    console.log(`OCO: ${oco.clicks} clicks and ${oco.typed} typed fields, from the start page to an answered addition; pages scanned: ${scanned.length}`);
    // Typed: the three texts of the request, the parent's name and address, the answer to the addition. Nothing the system knows.
    expect(oco.typed).toBe(6);
    expect(s.problems.concat(parentCtx.problems)).toEqual([]);
  });
});

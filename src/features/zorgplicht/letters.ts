import { transaction } from '../../db/index.ts';
import { audit } from '../../platform/audit.ts';
import { clockOf, MAX_EXTENSION_WEEKS } from '../../platform/calendar/zorgplicht-clock.ts';
import { fail } from '../../platform/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { a4Document, asciiSlug, facts, h2, para, renderPdf, type PdfNode } from '../../platform/pdf.ts';
import { formatDay, today } from '../../platform/time.ts';
import { CHILD_NAME, registrationFor } from './registrations.ts';
import { outcomeLabels, type Outcome } from './schema.ts';

/**
 * The two letters of the zorgplicht, to the parents, in plain Dutch (B1):
 * the extension of the decision term (the law asks the school to tell the
 * parents in writing) and the decision, which names the outcome, the reason
 * and the parents' routes when they disagree: the partnership's consultant,
 * the onderwijsconsulent, and the Geschillencommissie passend onderwijs
 * (WPO art. 40, WEC art. 40, WVO 2020 art. 2.33; DOMAIN.md C6).
 */

export interface LetterData {
  kind: 'extension' | 'decision';
  partnershipName: string;
  schoolName: string;
  child: { name: string; birthDate: string };
  parentNames: string;
  receivedOn: string;
  dueOn: string;
  extendedTo: string | null;
  extensionReason: string | null;
  temporaryPlaceFrom: string;
  outcome: Outcome | null;
  outcomeReason: string | null;
  offerSchoolName: string | null;
  decidedOn: string | null;
  signedBy: string;
  letterDate: string;
}

async function letterData(ctx: StaffContext, id: string, kind: LetterData['kind']): Promise<LetterData> {
  return transaction(ctx.sql, async (tx) => {
    const r = await registrationFor(tx, ctx, id, 'read');
    const [d] = await tx<{ partnershipName: string; schoolName: string; name: string; birthDate: string; parentNames: string; extensionReason: string | null; outcome: Outcome | null; outcomeReason: string | null; offerSchoolName: string | null; decidedBy: string | null; extendedBy: string | null; extendedOn: string | null }[]>`
      select pa.name as "partnershipName", s.name as "schoolName", ${tx.unsafe(CHILD_NAME)} as name, z.birth_date::text as "birthDate", z.parent_names as "parentNames",
        z.extension_reason as "extensionReason", z.outcome, z.outcome_reason as "outcomeReason", os.name as "offerSchoolName", du.name as "decidedBy", eu.name as "extendedBy",
        (z.extended_at at time zone 'Europe/Amsterdam')::date::text as "extendedOn"
      from zorgplicht_registrations z join partnerships pa on pa.id = z.partnership_id join schools s on s.id = z.school_id
        left join schools os on os.id = z.offer_school_id left join users du on du.id = z.decided_by left join users eu on eu.id = z.extended_by
      where z.id = ${id}`;
    const x = d!;
    if (kind === 'extension' && !r.extendedTo) fail('NOT_FOUND', 'De beslistermijn van deze aanmelding is niet verlengd.');
    if (kind === 'decision' && r.status === 'open') fail('NOT_FOUND', 'Over deze aanmelding is nog niet besloten.');
    await audit(tx, ctx.actor, { action: kind === 'extension' ? 'zorgplicht.extension_letter' : 'zorgplicht.decision_letter', entityType: 'zorgplicht_registration', entityId: id, pupilId: r.pupilId, schoolId: r.schoolId });
    const clock = clockOf(r);
    return {
      kind,
      partnershipName: x.partnershipName,
      schoolName: x.schoolName,
      child: { name: x.name, birthDate: x.birthDate },
      parentNames: x.parentNames,
      receivedOn: r.receivedOn,
      dueOn: clock.due,
      extendedTo: r.extendedTo,
      extensionReason: x.extensionReason,
      temporaryPlaceFrom: clock.temporaryPlaceFrom,
      outcome: x.outcome,
      outcomeReason: x.outcomeReason,
      offerSchoolName: x.offerSchoolName,
      decidedOn: r.decidedOn,
      signedBy: (kind === 'extension' ? x.extendedBy : x.decidedBy) ?? x.schoolName,
      letterDate: kind === 'extension' ? (x.extendedOn ?? today()) : (r.decidedOn ?? today()),
    };
  });
}

export const loadExtensionLetter = (ctx: StaffContext, id: string) => letterData(ctx, id, 'extension');
export const loadDecisionLetter = (ctx: StaffContext, id: string) => letterData(ctx, id, 'decision');

/** The routes parents have when they disagree or are stuck, from mild to formal. */
export function routesNodes(d: Pick<LetterData, 'partnershipName'>): PdfNode[] {
  return [
    h2('Bent u het er niet mee eens, of heeft u vragen?'),
    para('Praat er eerst over met de school. Komt u er samen niet uit? Dan kunt u hulp vragen:'),
    {
      ul: [
        `Bij de consulent van ${d.partnershipName}. Die denkt met u en de school mee over een passende plek.`,
        'Bij een onderwijsconsulent. Dat is gratis en onafhankelijk. Kijk op www.onderwijsconsulenten.nl of bel 070 - 312 28 87.',
        'Bij de Geschillencommissie passend onderwijs. Die geeft een oordeel over het besluit van de school. Kijk op www.onderwijsgeschillen.nl. ' +
          'Dien uw verzoek in binnen 6 weken na de datum van deze brief.',
      ],
      margin: [0, 0, 0, 8],
    },
  ];
}

const outcomeSentence = (d: LetterData): string => {
  const who = d.child.name;
  switch (d.outcome) {
    case 'admitted':
      return `${who} is toegelaten op ${d.schoolName}.`;
    case 'admitted_support':
      return `${who} is toegelaten op ${d.schoolName}, met extra ondersteuning. Binnen 6 weken na de inschrijving maakt de school samen met u een ontwikkelingsperspectiefplan (OPP).`;
    case 'offer_elsewhere':
      return `${d.schoolName} kan ${who} niet de ondersteuning geven die nodig is. Wij hebben een passende plek gevonden op ${d.offerSchoolName}. Die school heeft laten weten dat zij ${who} aanneemt.`;
    case 'full':
      return `${d.schoolName} kan ${who} niet toelaten, omdat er in dit leerjaar en op dit niveau geen plaats meer is. Dat staat ook in het openbare schoolondersteuningsprofiel van de school.`;
    case 'withdrawn':
      return `U heeft de aanmelding van ${who} ingetrokken. De school neemt daarom geen besluit meer.`;
    default:
      return '';
  }
};

export function letterDocument(d: LetterData): object {
  const about = `${d.child.name} (geboren op ${formatDay(d.child.birthDate)})`;
  const content: PdfNode[] = [
    { text: d.schoolName, style: 'title' },
    { text: `School in ${d.partnershipName}`, style: 'school', margin: [0, 0, 0, 18] },
    {
      columns: [
        { stack: [{ text: 'Aan', bold: true }, d.parentNames], width: '*' },
        { stack: [{ text: 'Datum', bold: true }, formatDay(d.letterDate)], width: 160 },
      ],
      margin: [0, 0, 0, 16],
    },
    { text: [{ text: 'Onderwerp: ', bold: true }, `${d.kind === 'extension' ? 'meer tijd voor ons besluit over' : 'ons besluit over'} de aanmelding van ${about}`], margin: [0, 0, 0, 12] },
    { text: 'Beste ouders of verzorgers,', margin: [0, 0, 0, 8] },
    para(`Op ${formatDay(d.receivedOn)} ontvingen wij uw aanmelding van ${d.child.name}. In deze brief leest u ${d.kind === 'extension' ? 'waarom wij meer tijd nodig hebben' : 'wat wij hebben besloten en waarom'}.`),
  ];
  if (d.kind === 'extension') {
    content.push(
      h2('Wij hebben meer tijd nodig'),
      para(
        `De school moet binnen 6 weken beslissen, dus uiterlijk op ${formatDay(d.dueOn)}. De wet geeft de school één keer ten hoogste ${MAX_EXTENSION_WEEKS} weken extra. ` +
          `Wij beslissen nu uiterlijk op ${formatDay(d.extendedTo!)}.`,
      ),
      h2('Waarom'),
      para(d.extensionReason),
      h2('Wat als wij dan nog niet hebben besloten?'),
      para(
        `Hebben wij op ${formatDay(d.temporaryPlaceFrom)} nog geen besluit genomen, en staat ${d.child.name} op geen enkele school ingeschreven? ` +
          'Dan heeft uw kind recht op een tijdelijke plaats op onze school, tot wij hebben besloten.',
      ),
      facts([
        ['Aanmelding ontvangen', formatDay(d.receivedOn)],
        ['Besluit eerst uiterlijk', formatDay(d.dueOn)],
        ['Besluit nu uiterlijk', formatDay(d.extendedTo!)],
      ]),
    );
  } else {
    content.push(
      h2(`Ons besluit: ${outcomeLabels[d.outcome!].toLowerCase()}`),
      para(outcomeSentence(d)),
      h2('Waarom'),
      para(d.outcomeReason),
      facts([
        ['Aanmelding ontvangen', formatDay(d.receivedOn)],
        ['Besluit uiterlijk', formatDay(d.extendedTo ?? d.dueOn)],
        ['Besloten op', d.decidedOn ? formatDay(d.decidedOn) : '—'],
      ]),
    );
  }
  content.push(...routesNodes(d), { text: 'Met vriendelijke groet,', margin: [0, 14, 0, 2] }, { text: d.signedBy, bold: true }, { text: `namens ${d.schoolName}` });
  const subject = d.kind === 'extension' ? 'Verlenging beslistermijn aanmelding' : 'Besluit over de aanmelding';
  return a4Document({ title: subject, author: d.schoolName, header: `${d.schoolName} — vertrouwelijk`, footer: `${subject}, ${formatDay(d.letterDate)}`, content });
}

export const renderLetterPdf = (d: LetterData): Promise<Buffer> => renderPdf(letterDocument(d));

/** 'besluit-aanmelding-sam-jansen.pdf', 'verlenging-aanmelding-sam-jansen.pdf' */
export const letterFilename = (d: LetterData) => `${d.kind === 'extension' ? 'verlenging' : 'besluit'}-aanmelding-${asciiSlug(d.child.name) || 'leerling'}.pdf`;

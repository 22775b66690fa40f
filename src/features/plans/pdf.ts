import { transaction } from '../../db/index.ts';
import { audit } from '../../platform/audit.ts';
import { fail } from '../../platform/errors.ts';
import { reveal } from '../../platform/access/reveal.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { a4Document, asciiSlug, facts as factTable, h2, orDash, para, renderPdf, table, type PdfNode as Node } from '../../platform/pdf.ts';
import { formatDateTime, formatDay, today } from '../../platform/time.ts';
import { planPolicy, type PlanResource } from './policy.ts';
import { aspectLabels, destinationsByKind, oppKindLabels, OppContent } from './schema.ts';
import { DISAGREEMENT_ROUTES, requiredSigners, signingRuleOf } from './signing.ts';
import { PUPIL_NAME } from '../pupils/api.ts';

/**
 * The OPP on paper (docs/decisions/0007-opp.md): the plan as it was sent and
 * signed, for the file, the parents and the next school. Laid out with the
 * shared pdfmake setup in platform/pdf.ts.
 */

const factorLabels: Record<string, string> = {
  leren: 'Leren', gedrag: 'Gedrag', sociaal_emotioneel: 'Sociaal-emotioneel', thuis: 'Thuissituatie',
  gezondheid: 'Gezondheid', werkhouding: 'Werkhouding', taal: 'Taal en communicatie', anders: 'Anders',
};
const versionStatusLabels: Record<string, string> = {
  draft: 'Concept', with_parents: 'Bij ouders ter instemming', agreed: 'Ingestemd', disagreed: 'Niet ingestemd', superseded: 'Vervangen door een nieuwere versie',
};
const signerLabels = { parent: 'Ouder / verzorger', pupil: 'Leerling' } as const;

export interface PlanForPaper {
  oppId: string;
  schoolName: string;
  schoolKind: string;
  partnershipName: string;
  pupilName: string;
  birthDate: string;
  className: string | null;
  caseManager: string | null;
  kind: 'full' | 'light';
  createdAt: Date;
  version: { number: number; status: string; updatedAt: Date; updatedBy: string; sentAt: Date | null; agreedAt: Date | null; content: OppContent };
  requiredSigners: ('parent' | 'pupil')[];
  responses: { signer: 'parent' | 'pupil'; signerName: string; decision: 'agree' | 'disagree'; comment: string; method: 'online' | 'paper'; recordedBy: string | null; at: Date }[];
  /** What parents and pupil said to earlier versions: the road to this plan stays on paper too. */
  earlierResponses: (PlanForPaper['responses'][number] & { version: number })[];
  consultations: { heldOn: string; participants: string; notes: string; pupilView: string; recordedBy: string }[];
}

/** Loads one version of a plan for paper, checks `downloadPdf`, and audits the read (the plan is pupil data). */
export async function loadPlanForPaper(ctx: StaffContext, oppId: string, versionNumber?: number): Promise<PlanForPaper> {
  return transaction(ctx.sql, async (tx) => {
    const [found] = await tx<{
      id: string; kind: 'full' | 'light'; status: NonNullable<PlanResource['status']>; currentVersion: number; createdAt: Date; schoolId: string; pupilId: string; classId: string | null; caseManagerId: string | null;
      schoolName: string; schoolKind: string; partnershipName: string; settings: object; pupilName: string; birthDate: string; className: string | null; caseManager: string | null;
    }[]>`
      select o.id, o.kind, o.status, o.current_version as "currentVersion", o.created_at as "createdAt", o.school_id as "schoolId", o.pupil_id as "pupilId",
        e.class_id as "classId", p.case_manager_id as "caseManagerId", s.name as "schoolName", s.kind as "schoolKind",
        pa.name as "partnershipName", pa.settings,
        ${tx.unsafe(PUPIL_NAME)} as "pupilName", p.birth_date as "birthDate",
        c.name as "className", cm.name as "caseManager"
      from opps o join pupils p on p.id = o.pupil_id join schools s on s.id = o.school_id join partnerships pa on pa.id = o.partnership_id
      left join enrolments e on e.pupil_id = p.id and e.end_date is null
      left join classes c on c.id = e.class_id
      left join users cm on cm.id = p.case_manager_id
      where o.id = ${oppId} and o.partnership_id = ${ctx.scope.partnershipId}`;
    const o = reveal(ctx.principal, planPolicy, 'downloadPdf', { id: oppId, row: found });
    const number = versionNumber ?? o.currentVersion;
    const [v] = await tx<{ id: string; number: number; status: string; content: unknown; updatedAt: Date; updatedBy: string; sentAt: Date | null; agreedAt: Date | null }[]>`
      select v.id, v.number, v.status, v.content, v.updated_at as "updatedAt", u.name as "updatedBy", v.sent_at as "sentAt", v.agreed_at as "agreedAt"
      from opp_versions v join users u on u.id = v.updated_by where v.opp_id = ${oppId} and v.number = ${number}`;
    if (!v) fail('NOT_FOUND', 'Deze versie van het plan bestaat niet.');
    const [responses, earlierResponses, consultations] = await Promise.all([
      tx<PlanForPaper['responses']>`
        select r.signer, r.signer_name as "signerName", r.decision, r.comment, r.method, u.name as "recordedBy", r.created_at as at
        from opp_responses r left join users u on u.id = r.recorded_by where r.version_id = ${v!.id} order by r.created_at`,
      tx<PlanForPaper['earlierResponses']>`
        select ev.number as version, r.signer, r.signer_name as "signerName", r.decision, r.comment, r.method, u.name as "recordedBy", r.created_at as at
        from opp_responses r join opp_versions ev on ev.id = r.version_id left join users u on u.id = r.recorded_by
        where r.opp_id = ${oppId} and ev.number < ${number} order by ev.number, r.created_at`,
      tx<PlanForPaper['consultations']>`
        select k.held_on::text as "heldOn", k.participants, k.notes, k.pupil_view as "pupilView", u.name as "recordedBy"
        from opp_consultations k join users u on u.id = k.recorded_by where k.version_id = ${v!.id} order by k.held_on, k.created_at`,
    ]);
    await audit(tx, ctx.actor, { action: 'opp.pdf', entityType: 'opp', entityId: oppId, pupilId: o.pupilId, schoolId: o.schoolId, details: { version: number } });
    const signedOn = v!.sentAt ? today(v!.sentAt) : today();
    return {
      oppId,
      schoolName: o.schoolName,
      schoolKind: o.schoolKind,
      partnershipName: o.partnershipName,
      pupilName: o.pupilName,
      birthDate: o.birthDate,
      className: o.className,
      caseManager: o.caseManager,
      kind: o.kind,
      createdAt: o.createdAt,
      version: { ...v!, content: OppContent.parse(v!.content) },
      requiredSigners: requiredSigners(o.birthDate, signedOn, signingRuleOf(o.settings)),
      responses,
      earlierResponses,
      consultations,
    };
  });
}

/** 'opp-sam-de-vries-versie-2.pdf': ASCII, so every browser and file system keeps it. */
export function pdfFilename(p: PlanForPaper): string {
  return `opp-${asciiSlug(p.pupilName) || 'leerling'}-versie-${p.version.number}.pdf`;
}

const when = (d: Date | null) => (d ? formatDateTime(d) : '—');
/** The document definition: plain data, so a test or a later HTML view can read the same structure. */
export function planDocument(p: PlanForPaper): object {
  const c = p.version.content;
  const destination = (destinationsByKind[p.schoolKind] ?? Object.values(destinationsByKind).flat()).find((d) => d.value === c.perspective.destination)?.label ?? c.perspective.destination;
  const disagreed = p.version.status === 'disagreed' || p.responses.some((r) => r.decision === 'disagree');
  const factors = (kind: 'supporting' | 'hindering') => {
    const list = c.factors.filter((f) => f.kind === kind);
    if (list.length === 0) return [{ text: 'Geen genoemd.', style: 'muted' }];
    const cats = [...new Set(list.map((f) => f.category))];
    return cats.map((cat) => ({
      stack: [{ text: factorLabels[cat] ?? cat, bold: true }, { ul: list.filter((f) => f.category === cat).map((f) => f.description) }],
      margin: [0, 0, 0, 4],
    }));
  };
  const facts: [string, string][] = [
    ['School', p.schoolName],
    ['Leerling', p.pupilName],
    ['Geboortedatum', formatDay(p.birthDate)],
    ['Klas', orDash(p.className)],
    ['Casemanager', orDash(p.caseManager)],
    ['Soort plan', oppKindLabels[p.kind]],
    ['Versie', `${p.version.number} — ${versionStatusLabels[p.version.status] ?? p.version.status}`],
    ['Plan gemaakt op', formatDateTime(p.createdAt)],
    ['Versie bijgewerkt', `${formatDateTime(p.version.updatedAt)} door ${p.version.updatedBy}`],
    ['Naar ouders gestuurd', when(p.version.sentAt)],
    ['Ingestemd op', when(p.version.agreedAt)],
    ['Ondertekening door', p.requiredSigners.map((s) => signerLabels[s]).join(' en ')],
  ];

  const content: Node[] = [
    { text: p.schoolName, style: 'school' },
    { text: 'Ontwikkelingsperspectiefplan', style: 'title' },
    { text: `${oppKindLabels[p.kind]} — versie ${p.version.number}`, style: 'subtitle' },
    factTable(facts),

    h2('1. Ontwikkelingsperspectief'),
    { text: [{ text: 'Verwachte uitstroom: ', bold: true }, orDash(destination)], margin: [0, 0, 0, 4] },
    { text: 'Onderbouwing', style: 'h3' },
    para(c.perspective.grounds),
    { text: 'Bevorderende factoren', style: 'h3' },
    ...factors('supporting'),
    { text: 'Belemmerende factoren', style: 'h3' },
    ...factors('hindering'),

    h2('2. Doelen'),
    table(['*', '*', 80], ['Doel', 'Zo zien we dat het bereikt is', 'Uiterlijk'], c.goals.map((g) => [g.what, g.howWeSee, formatDay(g.by)]), 'Geen doelen opgenomen.'),

    h2('3. Ondersteuning (handelingsdeel)'),
    table(
      [95, '*', 80, 45, 70],
      ['Aspect', 'Wat de school doet', 'Wie', 'Uur/week', 'Waar'],
      c.measures.map((m) => [aspectLabels[m.aspect], m.description, m.who, { text: String(m.hoursPerWeek).replace('.', ','), alignment: 'right' }, orDash(m.where)]),
      'Geen maatregelen opgenomen.',
    ),
    ...(c.handelingsadviezen.length ? [{ text: 'Handelingsadviezen voor docenten', style: 'h3' }, { ul: c.handelingsadviezen }] : []),

    h2('4. Afwijkingen van het onderwijsprogramma'),
    para(c.curriculumDeviations, 'Geen afwijkingen.'),

    h2('5. Evaluatiemomenten'),
    c.evaluationDates.length ? { ul: [...c.evaluationDates].sort().map((d) => formatDay(d)) } : { text: 'Geen datum gepland: het plan wordt ten minste jaarlijks geëvalueerd.', style: 'muted' },

    h2('6. Wat de leerling zelf vindt (hoorrecht)'),
    para(c.pupilView),

    h2('7. Overleg met ouders en leerling'),
    ...(p.consultations.length
      ? p.consultations.map((k) => ({
          stack: [
            { text: `${formatDay(k.heldOn)} — vastgelegd door ${k.recordedBy}`, bold: true },
            { text: [{ text: 'Aanwezig: ', italics: true }, k.participants] },
            { text: k.notes },
            ...(k.pupilView ? [{ text: [{ text: 'De leerling: ', italics: true }, k.pupilView] }] : []),
          ],
          margin: [0, 0, 0, 6],
        }))
      : [{ text: 'Geen overleg vastgelegd bij deze versie.', style: 'muted' }]),

    h2('8. Instemming en ondertekening'),
    { text: 'Ouders (en de leerling vanaf 16 jaar) hebben instemmingsrecht op het handelingsdeel van dit plan.', margin: [0, 0, 0, 4] },
    table(
      [70, 80, 55, '*', 85, 70],
      ['Wie', 'Naam', 'Besluit', 'Opmerking', 'Hoe', 'Datum'],
      p.responses.map((r) => [
        signerLabels[r.signer],
        r.signerName,
        { text: r.decision === 'agree' ? 'Ingestemd' : 'Niet ingestemd', bold: true },
        orDash(r.comment),
        r.method === 'online' ? 'Online' : `Op papier (vastgelegd door ${orDash(r.recordedBy)})`,
        formatDateTime(r.at),
      ]),
      'Nog geen reactie vastgelegd.',
    ),
    ...(p.earlierResponses.length
      ? [
          { text: 'Reacties op eerdere versies', style: 'h3' },
          table(
            [40, 65, 75, 55, '*', 70, 65],
            ['Versie', 'Wie', 'Naam', 'Besluit', 'Opmerking', 'Hoe', 'Datum'],
            p.earlierResponses.map((r) => [
              String(r.version),
              signerLabels[r.signer],
              r.signerName,
              r.decision === 'agree' ? 'Ingestemd' : 'Niet ingestemd',
              orDash(r.comment),
              r.method === 'online' ? 'Online' : `Op papier (${orDash(r.recordedBy)})`,
              formatDateTime(r.at),
            ]),
            '',
          ),
        ]
      : []),
    ...(disagreed
      ? [
          { text: 'Niet eens met het plan? Hier kunt u terecht', style: 'h3' },
          { ul: DISAGREEMENT_ROUTES.map((r) => ({ text: [{ text: `${r.name}: `, bold: true }, r.description] })) },
        ]
      : []),
  ];

  return a4Document({
    title: `Ontwikkelingsperspectiefplan versie ${p.version.number}`,
    author: p.schoolName,
    ...(p.version.status === 'draft' ? { watermark: 'CONCEPT' } : {}),
    header: `${p.schoolName} — vertrouwelijk`,
    footer: `OPP ${p.pupilName}, versie ${p.version.number}`,
    content,
  });
}

export async function renderPlanPdf(p: PlanForPaper): Promise<Buffer> {
  return renderPdf(planDocument(p));
}

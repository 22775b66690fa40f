import { transaction, type Db } from '../../../db/index.ts';
import type { TenantScope } from '../../../platform/access/principal.ts';
import { audit } from '../../../platform/audit.ts';
import { fail } from '../../../platform/errors.ts';
import type { StaffContext } from '../../../platform/http/context.ts';
import { a4Document, asciiSlug, facts, h2, para, renderPdf, type PdfNode } from '../../../platform/pdf.ts';
import { formatDay, today } from '../../../platform/time.ts';
import { linksOf } from '../../parent-access/api.ts';
import { requestFor } from '../reveal-request.ts';
import { fundingCategoryLabels, type RequestKind } from '../schema.ts';
import { loadRequestSettings } from '../settings/request-settings.ts';
import { PUPIL_NAME } from '../../pupils/api.ts';

/**
 * The decision letter (besluit) on a request: to the school and the parents,
 * in plain words, with what was granted and the way to object. A decision is
 * an administrative decision (Awb): the letter names the objection term and
 * the committee, from the partnership's settings.
 */

type SchoolKind = 'sbo' | 'so' | 'vso';

/** The parents to address, by name, at most 4: those who consented (online or on paper) or were sent a link, first asked first. */
function parentNames(rows: { name: string; createdAt: Date }[]): string[] {
  const first = new Map<string, number>();
  for (const r of rows) first.set(r.name, Math.min(first.get(r.name) ?? Infinity, r.createdAt.getTime()));
  return [...first].sort((a, b) => a[1] - b[1]).slice(0, 4).map(([name]) => name);
}
type Outcome = 'granted' | 'partly' | 'refused';

export interface LetterData {
  requestId: string;
  kind: RequestKind;
  partnershipName: string;
  schoolName: string;
  pupil: { name: string; birthDate: string } | null;
  groupDescription: string;
  arrangementKind: string | null;
  /** OPDC: the school's goal for the return. */
  returnGoal: string;
  /** Names of the parents who consented or were asked; the letter is addressed to them. */
  parentNames: string[];
  submittedOn: string | null;
  decision: {
    outcome: Outcome;
    motivation: string;
    decidedOn: string;
    decidedBy: string;
    amountEur: number | null;
    hours: number | null;
    startsOn: string | null;
    endsOn: string | null;
    schoolKind: SchoolKind | null;
    category: 1 | 2 | 3 | null;
    cluster: number | null;
  };
  tlvNumber: number | null;
  objectionWeeks: number;
  objectionCommittee: string;
}

/**
 * The letter's data without any access check: for a caller that authorised
 * the reader itself (staff via `loadDecisionLetter`, parents via `readParentLetter` in parents/read-parent-letter.ts).
 * Null when the request is unknown in this tenant or has no decision yet.
 */
export async function readLetterData(db: Db, scope: TenantScope, requestId: string): Promise<LetterData | null> {
  const [r] = await db<{
    kind: RequestKind; partnershipName: string; schoolName: string; pupilName: string | null; birthDate: string | null; groupDescription: string; returnGoal: string;
    arrangementKind: string | null; submittedAt: Date | null; outcome: Outcome; motivation: string; decidedOn: string; decidedBy: string;
    amountEur: string | null; hours: number | null; startsOn: string | null; endsOn: string | null; schoolKind: SchoolKind | null; category: 1 | 2 | 3 | null; cluster: number | null;
    tlvNumber: number | null; tlvSchoolKind: SchoolKind | null; tlvCategory: 1 | 2 | 3 | null; tlvCluster: number | null; tlvStartsOn: string | null; tlvEndsOn: string | null;
    arrAmountEur: string | null; arrHours: number | null; arrStartsOn: string | null; arrEndsOn: string | null;
  }[]>`
    select r.kind, pa.name as "partnershipName", s.name as "schoolName",
      case when p.id is null then null else ${db.unsafe(PUPIL_NAME)} end as "pupilName", p.birth_date::text as "birthDate",
      r.group_description as "groupDescription", r.return_goal as "returnGoal", k.name as "arrangementKind", r.submitted_at as "submittedAt",
      d.outcome, d.motivation, d.decided_on::text as "decidedOn", u.name as "decidedBy", d.amount_eur::text as "amountEur", d.hours,
      d.starts_on::text as "startsOn", d.ends_on::text as "endsOn", d.school_kind as "schoolKind", d.category, d.cluster,
      t.number as "tlvNumber", t.school_kind as "tlvSchoolKind", t.category as "tlvCategory", t.cluster as "tlvCluster", t.starts_on::text as "tlvStartsOn", t.ends_on::text as "tlvEndsOn",
      a.amount_eur::text as "arrAmountEur", a.hours as "arrHours", a.starts_on::text as "arrStartsOn", a.ends_on::text as "arrEndsOn"
    from requests r
    join request_decisions d on d.request_id = r.id
    join partnerships pa on pa.id = r.partnership_id
    join schools s on s.id = r.school_id
    join users u on u.id = d.decided_by
    left join pupils p on p.id = r.pupil_id
    left join arrangement_kinds k on k.id = r.arrangement_kind_id
    left join tlvs t on t.request_id = r.id
    left join arrangements a on a.request_id = r.id
    where r.id = ${requestId} and r.partnership_id = ${scope.partnershipId}`;
  if (!r) return null;
  const parents = parentNames([
    ...(await db<{ name: string; createdAt: Date }[]>`
      select signer_name as name, created_at as "createdAt" from request_consents where request_id = ${requestId} and signer = 'parent'`),
    ...(await linksOf(db, 'request', requestId)).filter((l) => l.signer === 'parent' && !l.revoked),
  ]);
  const settings = await loadRequestSettings(db, scope.partnershipId);
  const num = (s: string | null) => (s === null ? null : Number(s));
  // The register and the arrangement row are what was committed; the decision row is the fallback.
  return {
    requestId,
    kind: r.kind,
    partnershipName: r.partnershipName,
    schoolName: r.schoolName,
    pupil: r.pupilName && r.birthDate ? { name: r.pupilName, birthDate: r.birthDate } : null,
    groupDescription: r.groupDescription,
    returnGoal: r.returnGoal,
    arrangementKind: r.arrangementKind,
    parentNames: parents,
    submittedOn: r.submittedAt ? today(r.submittedAt) : null,
    decision: {
      outcome: r.outcome,
      motivation: r.motivation,
      decidedOn: r.decidedOn,
      decidedBy: r.decidedBy,
      amountEur: num(r.arrAmountEur ?? r.amountEur),
      hours: r.arrHours ?? r.hours,
      startsOn: r.tlvStartsOn ?? r.arrStartsOn ?? r.startsOn,
      endsOn: r.tlvEndsOn ?? r.arrEndsOn ?? r.endsOn,
      schoolKind: r.tlvSchoolKind ?? r.schoolKind,
      category: r.tlvCategory ?? r.category,
      cluster: r.tlvCluster ?? r.cluster,
    },
    tlvNumber: r.tlvNumber,
    objectionWeeks: settings.objectionWeeks,
    objectionCommittee: settings.objectionCommittee,
  };
}

/** The letter for staff: anyone who may read the request, once it is decided (404 before). Audits the read. */
export async function loadDecisionLetter(ctx: StaffContext, requestId: string): Promise<LetterData> {
  return transaction(ctx.sql, async (tx) => {
    const held = await requestFor(tx, ctx, requestId, 'read');
    const data = await readLetterData(tx, ctx.scope, requestId);
    if (!data) fail('NOT_FOUND', 'Over deze aanvraag is nog geen besluit genomen.');
    await audit(tx, ctx.actor, { action: 'request.letter_pdf', entityType: 'request', entityId: requestId, pupilId: held.pupilId, schoolId: held.schoolId });
    return data!;
  });
}

// ---- the document ----

const kindPhrases: Record<RequestKind, (d: LetterData) => string> = {
  arrangement: (d) => (d.arrangementKind ? `het arrangement "${d.arrangementKind}"` : 'een arrangement'),
  tlv: () => 'een toelaatbaarheidsverklaring (TLV)',
  opdc: () => 'een plaats in de opvangvoorziening (OPDC)',
  consultation: () => 'een consultatie',
};
const subjects: Record<RequestKind, string> = {
  arrangement: 'arrangement',
  tlv: 'toelaatbaarheidsverklaring',
  opdc: 'plaatsing OPDC',
  consultation: 'consultatievraag',
};
const outcomeSentences: Record<Outcome, string> = {
  granted: 'Wij hebben de aanvraag toegekend.',
  partly: 'Wij hebben de aanvraag voor een deel toegekend. Hieronder staat wat wel is toegekend.',
  refused: 'Wij hebben de aanvraag afgewezen. Wat is aangevraagd, wordt dus niet gegeven.',
};
const outcomeWords: Record<Outcome, string> = { granted: 'Toegekend', partly: 'Gedeeltelijk toegekend', refused: 'Afgewezen' };
export const schoolKindWords: Record<SchoolKind, string> = {
  sbo: 'speciaal basisonderwijs (sbo)',
  so: 'speciaal onderwijs (so)',
  vso: 'voortgezet speciaal onderwijs (vso)',
};
const clusterWords: Record<number, string> = {
  1: 'cluster 1 (leerlingen die blind of slechtziend zijn)',
  2: 'cluster 2 (leerlingen die doof of slechthorend zijn, of een taalontwikkelingsstoornis hebben)',
  3: 'cluster 3 (leerlingen met een lichamelijke of verstandelijke beperking, of die langdurig ziek zijn)',
  4: 'cluster 4 (leerlingen met psychiatrische of gedragsproblemen)',
};
const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });

/** The exact sentence of the objection route; the committee and term come from the partnership's settings. */
export const objectionSentence = (weeks: number, committee: string) =>
  `Bent u het niet eens met dit besluit? Dan kunt u binnen ${weeks} weken na de datum van deze brief bezwaar maken bij ${committee}.`;

function period(d: LetterData['decision']): string {
  if (d.startsOn && d.endsOn) return `van ${formatDay(d.startsOn)} tot en met ${formatDay(d.endsOn)}`;
  if (d.startsOn) return `vanaf ${formatDay(d.startsOn)}`;
  return '—';
}

/** What was granted, as label and value; empty for a refusal. */
function grantedFacts(d: LetterData): [string, string][] {
  const x = d.decision;
  if (x.outcome === 'refused') return [];
  if (d.kind === 'tlv') {
    return [
      ['TLV-nummer', d.tlvNumber === null ? 'Volgt zodra de verklaring is geregistreerd' : String(d.tlvNumber)],
      ['Soort school', x.schoolKind ? schoolKindWords[x.schoolKind] : '—'],
      ['Geldig', period(x)],
      ['Categorie', x.category ? `${fundingCategoryLabels[x.category].replace(/ \(\d\)$/, '')} (categorie ${x.category})` : x.schoolKind === 'sbo' ? 'Niet van toepassing (sbo)' : '—'],
      ['Cluster', x.cluster ? clusterWords[x.cluster] ?? `cluster ${x.cluster}` : 'Niet van toepassing'],
    ];
  }
  const rows: [string, string][] = [];
  if (d.kind === 'arrangement' && d.arrangementKind) rows.push(['Arrangement', d.arrangementKind]);
  if (x.amountEur !== null) rows.push(['Bedrag', euro.format(x.amountEur)]);
  if (x.hours !== null) rows.push(['Uren', `${x.hours} uur`]);
  rows.push(['Periode', period(x)]);
  return rows;
}

export function letterDocument(d: LetterData): object {
  const about = d.pupil ? `${d.pupil.name} (geboren op ${formatDay(d.pupil.birthDate)})` : d.groupDescription.trim() || 'de groep of het team van de school';
  const parents = d.parentNames.length
    ? d.parentNames.join(' en ')
    : d.pupil
      ? `De ouders of verzorgers van ${d.pupil.name}`
      : '';
  const granted = grantedFacts(d);
  const content: PdfNode[] = [
    { text: d.partnershipName, style: 'title' },
    { text: 'Samenwerkingsverband passend onderwijs', style: 'school', margin: [0, 0, 0, 18] },
    {
      columns: [
        { stack: [{ text: 'Aan', bold: true }, d.schoolName, ...(parents ? [parents] : [])], width: '*' },
        { stack: [{ text: 'Datum', bold: true }, formatDay(d.decision.decidedOn), ...(d.tlvNumber !== null ? [{ text: 'TLV-nummer', bold: true, margin: [0, 4, 0, 0] }, String(d.tlvNumber)] : [])], width: 160 },
      ],
      margin: [0, 0, 0, 16],
    },
    { text: [{ text: 'Onderwerp: ', bold: true }, `besluit op de aanvraag ${subjects[d.kind]} voor ${about}`], margin: [0, 0, 0, 12] },
    { text: parents ? 'Beste ouders of verzorgers, beste school,' : 'Beste school,', margin: [0, 0, 0, 8] },
    para(
      `${d.submittedOn ? `Op ${formatDay(d.submittedOn)} heeft` : 'Onlangs heeft'} ${d.schoolName} bij ons ${kindPhrases[d.kind](d)} aangevraagd voor ${about}. ` +
        'In deze brief leest u wat wij hebben besloten en waarom.',
    ),
    h2(`Ons besluit: ${outcomeWords[d.decision.outcome].toLowerCase()}`),
    para(
      outcomeSentences[d.decision.outcome] +
        (d.kind === 'tlv' && d.decision.outcome !== 'refused' && d.decision.schoolKind
          ? ` Met deze verklaring kan ${d.pupil?.name ?? 'de leerling'} worden ingeschreven op een school voor ${schoolKindWords[d.decision.schoolKind]}.`
          : '') +
        (d.kind === 'opdc' && d.decision.outcome !== 'refused'
          ? ` De plaats is tijdelijk. ${d.pupil?.name ?? 'De leerling'} blijft ingeschreven op ${d.schoolName}; de school blijft verantwoordelijk en werkt met het OPDC aan de terugkeer.`
          : ''),
    ),
    ...(granted.length ? [facts(d.kind === 'opdc' && d.returnGoal.trim() ? [...granted, ['Terugkeerdoel', d.returnGoal.trim()]] : granted, 110)] : []),
    h2('Waarom wij zo hebben besloten'),
    para(d.decision.motivation),
    h2('Niet eens met dit besluit?'),
    { text: objectionSentence(d.objectionWeeks, d.objectionCommittee), bold: true, margin: [0, 0, 0, 6] },
    para(
      'Schrijf in uw bezwaar uw naam en adres, de datum, over welk besluit het gaat (stuur een kopie van deze brief mee) en waarom u het er niet mee eens bent. ' +
        'Zet uw handtekening eronder. Wilt u eerst met ons praten? Neem dan contact op met uw school of met het samenwerkingsverband. ' +
        'Bezwaar maken kan ook na zo’n gesprek, zolang het binnen de termijn is.',
    ),
    { text: 'Met vriendelijke groet,', margin: [0, 14, 0, 2] },
    { text: d.decision.decidedBy, bold: true },
    { text: `namens ${d.partnershipName}` },
  ];
  return a4Document({
    title: `Besluit ${subjects[d.kind]}`,
    author: d.partnershipName,
    header: `${d.partnershipName} — vertrouwelijk`,
    footer: `Besluit ${subjects[d.kind]}, ${formatDay(d.decision.decidedOn)}`,
    content,
  });
}

export const renderLetterPdf = (d: LetterData): Promise<Buffer> => renderPdf(letterDocument(d));

/** 'besluit-tlv-sam-jansen.pdf' */
export function letterFilename(d: LetterData): string {
  return `besluit-${d.kind}-${asciiSlug(d.pupil?.name ?? d.schoolName) || 'aanvraag'}.pdf`;
}

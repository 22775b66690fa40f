import { z } from 'zod';
import { transaction } from '../../../db/index.ts';
import { audit } from '../../../platform/audit.ts';
import type { StaffContext } from '../../../platform/http/context.ts';
import { a4Document, asciiSlug, facts, h2, h3, orDash, renderPdfCountingPages, type PdfNode } from '../../../platform/pdf.ts';
import { ageOn, formatDateTime, formatDay, today } from '../../../platform/time.ts';
import { supportLevelLabels } from '../../pupils/schema.ts';
import { requestFor } from '../reveal-request.ts';
import { visibleAdvices } from '../policy.ts';
import {
  AdviceInput,
  attachmentTypeLabels,
  disciplineLabels,
  fundingCategoryLabels,
  requestKindLabels,
  type AttachmentType,
  type Discipline,
  type RequestKind,
} from '../schema.ts';

/**
 * The commission summary (docs/decisions/0008-requests.md): what the
 * consultant, the experts and the director weigh, on at most two A4 pages.
 * Everything longer stays in the request itself; a clipped text says so. The
 * attachments are listed, not reprinted: the summary points at them.
 */

type GoalResult = 'achieved' | 'partly' | 'not';

export interface SummaryData {
  requestId: string;
  kind: RequestKind;
  partnershipName: string;
  schoolName: string;
  submittedAt: Date | null;
  arrangementKind: string | null;
  tlvSchoolKind: 'sbo' | 'so' | 'vso' | null;
  groupDescription: string;
  /** First name and the initial of the last name: the summary is read by a commission, not filed. */
  pupil: { shortName: string; age: number; className: string | null; supportLevel: string } | null;
  question: string;
  doneAlready: string;
  expectation: string;
  /** OPDC: the goal of the return to the own school. */
  returnGoal: string;
  /** The OPP goals from the attached plan, each with its latest attached evaluation. */
  goals: { what: string; by: string | null; result: GoalResult | null; observed: string; evaluatedOn: string | null }[];
  advices: { discipline: Discipline; expertName: string; advice: AdviceInput | null; advisedAt: Date | null }[];
  attachments: { label: string; itemType: AttachmentType; itemDate: string; health: boolean }[];
  printedOn: string;
}

// ---- attachment snapshots ----
// A snapshot is the item as it was shared (copied at submission). Read
// tolerantly: a snapshot this code cannot read just adds no goals.
const SnapGoal = z.object({ id: z.string().optional(), what: z.string(), by: z.string().nullish() });
const VersionSnapshot = z.union([
  z.object({ content: z.object({ goals: z.array(SnapGoal) }) }).transform((v) => v.content.goals),
  z.object({ goals: z.array(SnapGoal) }).transform((v) => v.goals),
]);
const SnapResult = z.object({ goalId: z.string(), result: z.enum(['achieved', 'partly', 'not']), observed: z.string().nullish(), what: z.string().nullish() });
const EvaluationSnapshot = z.preprocess(
  (v) => (v && typeof v === 'object' ? { heldOn: (v as Record<string, unknown>).held_on, goalResults: (v as Record<string, unknown>).goal_results, ...v } : v),
  z.object({ heldOn: z.string().nullish(), goalResults: z.array(SnapResult) }),
);

/** Goals of the latest attached plan version, each with the latest attached evaluation of it. */
export function goalsFromSnapshots(items: { itemType: string; itemDate: string; snapshot: unknown }[]): SummaryData['goals'] {
  const newestFirst = [...items].sort((a, b) => b.itemDate.localeCompare(a.itemDate));
  const plan = newestFirst.filter((i) => i.itemType === 'opp_version').map((i) => VersionSnapshot.safeParse(i.snapshot)).find((r) => r.success);
  const evaluations = newestFirst
    .filter((i) => i.itemType === 'opp_evaluation')
    .map((i) => ({ date: i.itemDate, parsed: EvaluationSnapshot.safeParse(i.snapshot) }))
    .flatMap(({ date, parsed }) => (parsed.success ? [{ heldOn: parsed.data.heldOn ?? date, results: parsed.data.goalResults }] : []))
    .sort((a, b) => b.heldOn.localeCompare(a.heldOn));
  const latest = (goalId: string | undefined) => {
    for (const e of evaluations) {
      const r = goalId ? e.results.find((x) => x.goalId === goalId) : undefined;
      if (r) return { result: r.result, observed: r.observed ?? '', evaluatedOn: e.heldOn };
    }
    return { result: null, observed: '', evaluatedOn: null };
  };
  if (plan?.success) return plan.data.map((g) => ({ what: g.what, by: g.by ?? null, ...latest(g.id) }));
  // No readable plan attached: the goals the evaluations name themselves.
  const seen = new Set<string>();
  return evaluations.flatMap((e) =>
    e.results.flatMap((r) => {
      if (!r.what || seen.has(r.goalId)) return [];
      seen.add(r.goalId);
      return [{ what: r.what, by: null, result: r.result, observed: r.observed ?? '', evaluatedOn: e.heldOn }];
    }),
  );
}

// ---- loading ----

/** Loads a request for its summary, checks 'summary' (404 when not held, 403 when held but not for the summary), and audits the read. */
export async function loadRequestSummary(ctx: StaffContext, requestId: string): Promise<SummaryData> {
  return transaction(ctx.sql, async (tx) => {
    const held = await requestFor(tx, ctx, requestId, 'summary');
    const [r] = await tx<{
      kind: RequestKind; partnershipName: string; schoolName: string; submittedAt: Date | null; arrangementKind: string | null; tlvSchoolKind: SummaryData['tlvSchoolKind'];
      groupDescription: string; question: string; doneAlready: string; expectation: string; returnGoal: string;
      firstName: string | null; lastName: string | null; birthDate: string | null; supportLevel: keyof typeof supportLevelLabels | null; className: string | null;
    }[]>`
      select r.kind, pa.name as "partnershipName", s.name as "schoolName", r.submitted_at as "submittedAt", k.name as "arrangementKind",
        r.tlv_school_kind as "tlvSchoolKind", r.group_description as "groupDescription", r.question, r.done_already as "doneAlready", r.expectation, r.return_goal as "returnGoal",
        p.first_name as "firstName", p.last_name as "lastName", p.birth_date::text as "birthDate", p.support_level as "supportLevel", c.name as "className"
      from requests r join partnerships pa on pa.id = r.partnership_id join schools s on s.id = r.school_id
      left join arrangement_kinds k on k.id = r.arrangement_kind_id
      left join pupils p on p.id = r.pupil_id
      left join enrolments e on e.pupil_id = p.id and e.end_date is null
      left join classes c on c.id = e.class_id
      where r.id = ${requestId}`;
    const [attachments, experts] = await Promise.all([
      tx<{ label: string; itemType: AttachmentType; itemDate: string; health: boolean; snapshot: unknown }[]>`
        select label, item_type as "itemType", item_date::text as "itemDate", health, snapshot
        from request_attachments where request_id = ${requestId} and removed_at is null and shared_at is not null order by item_date desc, label`,
      tx<{ expertId: string; discipline: Discipline; expertName: string; advice: unknown; advisedAt: Date | null }[]>`
        select x.expert_id as "expertId", x.discipline, u.name as "expertName", x.advice, x.advised_at as "advisedAt"
        from request_experts x join users u on u.id = x.expert_id where x.request_id = ${requestId} order by x.assigned_at, u.name`,
    ]);
    await audit(tx, ctx.actor, { action: 'request.summary_pdf', entityType: 'request', entityId: requestId, pupilId: held.pupilId, schoolId: held.schoolId });
    const printedOn = today();
    return {
      requestId,
      kind: r!.kind,
      partnershipName: r!.partnershipName,
      schoolName: r!.schoolName,
      submittedAt: r!.submittedAt,
      arrangementKind: r!.arrangementKind,
      tlvSchoolKind: r!.tlvSchoolKind,
      groupDescription: r!.groupDescription,
      pupil:
        r!.firstName && r!.birthDate
          ? {
              shortName: `${r!.firstName} ${(r!.lastName ?? '').trim().charAt(0).toUpperCase()}.`,
              age: ageOn(r!.birthDate, printedOn),
              className: r!.className,
              supportLevel: r!.supportLevel ? supportLevelLabels[r!.supportLevel] : '—',
            }
          : null,
      question: r!.question,
      doneAlready: r!.doneAlready,
      expectation: r!.expectation,
      returnGoal: r!.returnGoal,
      goals: goalsFromSnapshots(attachments),
      advices: visibleAdvices(ctx.principal, held, experts, (x) => x.expertId).map((x) => {
        const advice = AdviceInput.safeParse(x.advice);
        return { discipline: x.discipline, expertName: x.expertName, advice: x.advice && advice.success ? advice.data : null, advisedAt: x.advisedAt };
      }),
      attachments: attachments.map(({ label, itemType, itemDate, health }) => ({ label, itemType, itemDate, health })),
      printedOn,
    };
  });
}

// ---- the document ----

export const CLIPPED_NOTE = '(ingekort; volledige tekst in de aanvraag)';

/**
 * Cuts a text to about `max` characters, at the end of a sentence when one
 * ends in the last 40 %, else at a word. A line break costs as much room as
 * a full line (about 90 characters at 10 pt on A4), so a text of many short
 * lines is clipped too.
 */
export function clip(text: string, max: number): { text: string; clipped: boolean } {
  const t = text.trim().replace(/\n{3,}/g, '\n\n');
  const cost = (s: string) => s.length + (s.match(/\n/g)?.length ?? 0) * 90;
  if (cost(t) <= max) return { text: t, clipped: false };
  let cut = t.slice(0, max);
  while (cut.length > 0 && cost(cut) > max) cut = cut.slice(0, -Math.max(1, cost(cut) - max));
  const sentence = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('! '), cut.lastIndexOf('? '), cut.lastIndexOf('\n'));
  const word = cut.lastIndexOf(' ');
  const end = sentence >= cut.length * 0.6 ? sentence + 1 : word >= cut.length * 0.6 ? word : cut.length;
  return { text: `${cut.slice(0, end).trimEnd()} …`, clipped: true };
}

const grey = '#555555';
/** A clipped paragraph says where the rest is; a clipped cell or advice only says "(ingekort)", with one note under its section. */
const SHORT_NOTE = '(ingekort)';
const SECTION_NOTE = 'Teksten met (ingekort) staan volledig in de aanvraag.';
const clippedPara = (text: string, max: number, empty = 'Niet ingevuld.'): PdfNode => {
  if (!text.trim()) return { text: empty, style: 'muted' };
  const c = clip(text, max);
  return { text: c.clipped ? [c.text, { text: ` ${CLIPPED_NOTE}`, italics: true, color: grey }] : c.text, margin: [0, 0, 0, 6] };
};
/** Inline pieces of a clipped text; `clipped` collects whether any was cut. */
function clipped(text: string, max: number, seen: { clipped: boolean }): PdfNode[] {
  const c = clip(text, Math.max(60, Math.round(max)));
  seen.clipped ||= c.clipped;
  return c.clipped ? [c.text, { text: ` ${SHORT_NOTE}`, italics: true, color: grey }] : [orDash(c.text)];
}

const resultLabels: Record<GoalResult, string> = { achieved: 'Behaald', partly: 'Deels behaald', not: 'Niet behaald' };
const conclusionLabels = { admissible: 'toelaatbaar', not_admissible: 'niet toelaatbaar' } as const;
/** 30 attachments take less than half a page at 8 pt; more than 40 are counted, not listed. */
const MAX_ATTACHMENT_ROWS = 40;
/** Six goals with a short result take a quarter of a page; fewer when room is short. */
const MAX_GOAL_ROWS = 6;
const compact = {
  hLineWidth: (i: number) => (i === 1 ? 0.8 : 0.3),
  vLineWidth: () => 0,
  hLineColor: () => '#bbbbbb',
  paddingTop: () => 1,
  paddingBottom: () => 1,
  paddingLeft: () => 3,
  paddingRight: () => 3,
};
const note = (text: string): PdfNode => ({ text, style: 'muted', fontSize: 8 });

/**
 * The document definition. `budget` scales every text allowance (1 = the
 * full allowance); the renderer lowers it until the summary fits two pages.
 */
export function summaryDocument(d: SummaryData, budget = 1): object {
  // At budget 1 a request with two advices, four goals and a dozen attachments
  // fills about two pages (some 95 characters a line, 60 lines a page).
  const n = (chars: number) => Math.max(60, Math.round(chars * budget));
  const subject = d.kind === 'arrangement' && d.arrangementKind ? `${requestKindLabels.arrangement}: ${d.arrangementKind}` : requestKindLabels[d.kind];
  const who: [string, string][] = d.pupil
    ? [
        ['Leerling', `${d.pupil.shortName}, ${d.pupil.age} jaar`],
        ['School en klas', `${d.schoolName}${d.pupil.className ? `, klas ${d.pupil.className}` : ''}`],
        ['Ondersteuningsniveau', d.pupil.supportLevel],
      ]
    : [
        ['School', d.schoolName],
        ['Voor', d.groupDescription.trim() || 'Geen leerling genoemd (anoniem of voor een groep)'],
      ];
  const goals = d.goals.slice(0, Math.max(3, Math.round(MAX_GOAL_ROWS * budget)));
  const goalsSeen = { clipped: false };
  const goalRows = goals.map((g) => [
    { text: clipped(g.what, n(140), goalsSeen) },
    g.by ? formatDay(g.by) : '—',
    g.result
      ? { text: [{ text: `${resultLabels[g.result]}${g.evaluatedOn ? ` (${formatDay(g.evaluatedOn)})` : ''}`, bold: true }, ...(g.observed.trim() ? [': ', ...clipped(g.observed, n(140), goalsSeen)] : [])] }
      : { text: 'Nog niet geëvalueerd', italics: true },
  ]);
  const adviceText = n(1400 / Math.max(1, d.advices.length) / 2);
  const advicesSeen = { clipped: false };
  const advices = d.advices.map((x): PdfNode => {
    const a = x.advice;
    const head = { text: `${disciplineLabels[x.discipline]} — ${x.expertName}`, bold: true };
    if (!a) return { text: [head, { text: ': nog geen advies gegeven.', italics: true, color: grey }], margin: [0, 0, 0, 4] };
    const advised = [a.schoolKind, a.category ? `categorie ${fundingCategoryLabels[a.category]}` : null, a.durationMonths ? `${a.durationMonths} maanden` : null].filter(Boolean).join(', ');
    return {
      stack: [
        { text: [head, x.advisedAt ? { text: ` (${formatDay(today(x.advisedAt))})`, color: grey } : '', `: ${conclusionLabels[a.conclusion]}`, advised ? `; geadviseerd: ${advised}` : ''] },
        { text: [{ text: 'Nodig: ', italics: true }, ...clipped(a.needs, adviceText, advicesSeen)] },
        { text: [{ text: 'Waarom niet regulier: ', italics: true }, ...clipped(a.whyNotRegular, adviceText, advicesSeen)] },
      ],
      margin: [0, 0, 0, 4],
      unbreakable: true,
    };
  });
  const attachments = d.attachments.slice(0, MAX_ATTACHMENT_ROWS);

  const content: PdfNode[] = [
    { text: d.partnershipName, style: 'school' },
    { text: 'Samenvatting voor de commissie', style: 'title' },
    { text: subject + (d.tlvSchoolKind ? ` (${d.tlvSchoolKind})` : ''), style: 'subtitle' },
    facts([...who, ['Ingediend', d.submittedAt ? formatDateTime(d.submittedAt) : '—']], 120),

    h2('1. De vraag aan het samenwerkingsverband'),
    clippedPara(d.question, n(900)),

    h2('2. Wat de school al deed, en met welk effect'),
    clippedPara(d.doneAlready, n(1100)),
    ...(goals.length
      ? [
          h3('Doelen uit het OPP en hun evaluatie'),
          {
            table: { headerRows: 1, widths: ['*', 80, '*'], dontBreakRows: true, body: [['Doel', 'Uiterlijk', 'Resultaat en wat we zagen'].map((t) => ({ text: t, style: 'th' })), ...goalRows] },
            layout: compact,
            fontSize: 9,
            margin: [0, 2, 0, 4],
          },
          ...(d.goals.length > goals.length ? [note(`En nog ${d.goals.length - goals.length} doelen: zie het OPP in de bijlagen.`)] : []),
          ...(goalsSeen.clipped ? [note(SECTION_NOTE)] : []),
        ]
      : []),

    h2('3. Wat de school verwacht'),
    clippedPara(d.expectation, n(600)),
    ...(d.kind === 'opdc' ? [h3('Terugkeerdoel (de eigen school blijft verantwoordelijk)'), clippedPara(d.returnGoal, n(500))] : []),

    h2('4. Adviezen van de deskundigen'),
    ...(advices.length ? advices : [{ text: 'Geen deskundigen betrokken.', style: 'muted' }]),
    ...(advicesSeen.clipped ? [note(SECTION_NOTE)] : []),

    h2('Bijlagen'),
    attachments.length
      ? {
          table: {
            headerRows: 1,
            widths: ['*', 80, 70, 60],
            dontBreakRows: true,
            body: [
              ['Stuk', 'Soort', 'Datum', 'Gezondheid'].map((t) => ({ text: t, style: 'th' })),
              ...attachments.map((a) => [clip(a.label, 110).text, attachmentTypeLabels[a.itemType], formatDay(a.itemDate), a.health ? { text: 'ja', bold: true } : '']),
            ],
          },
          layout: compact,
          fontSize: 8,
          margin: [0, 2, 0, 4],
        }
      : { text: 'Geen bijlagen.', style: 'muted' },
    ...(d.attachments.length > attachments.length ? [note(`En nog ${d.attachments.length - attachments.length} bijlagen: zie de aanvraag.`)] : []),
    ...(d.attachments.some((a) => a.health) ? [note('Stukken met gezondheidsgegevens zijn alleen gedeeld met uitdrukkelijke toestemming van ouders.')] : []),
  ];

  return a4Document({
    title: `Samenvatting aanvraag — ${subject}`,
    author: d.partnershipName,
    header: `${d.partnershipName} — vertrouwelijk, voor de commissie`,
    footer: `Samenvatting ${d.pupil?.shortName ?? 'aanvraag'}, afgedrukt ${formatDay(d.printedOn)}`,
    content,
    styles: { title: { fontSize: 17, bold: true, margin: [0, 0, 0, 2] }, subtitle: { fontSize: 12, margin: [0, 0, 0, 6] }, h2: { fontSize: 12, bold: true, margin: [0, 8, 0, 3] } },
  });
}

/** Lowers the text allowance until the summary fits two A4 pages (the commission reads it in one sitting). */
const BUDGETS = [1, 0.8, 0.6, 0.45, 0.3, 0.2];
export async function renderSummaryPdf(d: SummaryData): Promise<{ pdf: Buffer; pages: number }> {
  let last: { pdf: Buffer; pages: number } | null = null;
  for (const [i, budget] of BUDGETS.entries()) {
    last = await renderPdfCountingPages(summaryDocument(d, budget));
    if (last.pages > 2) continue;
    if (i === 0) return last;
    // One step finer: halfway to the budget that did not fit keeps more text (one extra render).
    const between = await renderPdfCountingPages(summaryDocument(d, (budget + BUDGETS[i - 1]!) / 2));
    return between.pages <= 2 ? between : last;
  }
  return last!;
}

/** 'aanvraag-tlv-sam-j-samenvatting.pdf' */
export function summaryFilename(d: SummaryData): string {
  return `aanvraag-${d.kind}-${asciiSlug(d.pupil?.shortName ?? d.schoolName) || 'school'}-samenvatting.pdf`;
}

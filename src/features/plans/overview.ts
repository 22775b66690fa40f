import type { z } from 'zod';
import { transaction, whenId, type Db } from '../../db/index.ts';
import { auditMany } from '../../platform/audit.ts';
import { fail } from '../../platform/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { today as todayOf } from '../../platform/time.ts';
import {
  evaluationRecord, oppDueOn, oppRequiredAtSchool, overviewStatus, overviewStatuses, type OverviewStatus,
} from './deadlines.ts';
import { auditExport, type ExportSheet } from '../../platform/list-export.ts';
import { overviewStatusLabels, type MissingPlan, type OppNumbers, type OppOverview, type OverviewExportQuery, type OverviewPlan, type OverviewQuery, type PartnershipNumbers, type SchoolNumbers } from './overview-schema.ts';
import { anyPlan, planPolicy } from './policy.ts';
import { PUPIL_NAME, pupilPolicy } from '../pupils/api.ts';

type Plan = z.infer<typeof OverviewPlan>;
type Missing = z.infer<typeof MissingPlan>;
type Numbers = z.infer<typeof OppNumbers>;

/** 'Sam de Vries'. */
/** An instant as the Dutch calendar day it happened on. */
const dutchDay = (col: string) => `to_char(${col} at time zone 'Europe/Amsterdam', 'YYYY-MM-DD')`;

export interface PlanClockRow {
  id: string;
  partnershipId: string;
  schoolId: string;
  pupilId: string;
  pupilName: string;
  firstName: string;
  className: string | null;
  kind: 'full' | 'light';
  status: 'draft' | 'with_parents' | 'agreed' | 'disagreed' | 'closed';
  version: number;
  sentOn: string | null;
  /** The plan in force: the latest agreed version, its day and its planned evaluation dates. */
  agreedOn: string | null;
  planned: string[] | null;
  lastEvaluatedOn: string | null;
  authorId: string;
  caseManager: { id: string; name: string } | null;
}

/** Every plan of one school (or of every school, for the daily reminders) with what its clocks need. */
export async function planClocks(db: Db, o: { schoolId?: string; partnershipId?: string; openOnly?: boolean }): Promise<PlanClockRow[]> {
  return db<PlanClockRow[]>`
    select o.id, o.partnership_id as "partnershipId", o.school_id as "schoolId", p.id as "pupilId", ${db.unsafe(PUPIL_NAME)} as "pupilName",
      p.first_name as "firstName", c.name as "className", o.kind, o.status, o.current_version as version,
      ${db.unsafe(dutchDay('cur.sent_at'))} as "sentOn",
      ${db.unsafe(dutchDay('f.agreed_at'))} as "agreedOn",
      (select array_agg(x order by x) from jsonb_array_elements_text(f.content->'evaluationDates') x) as planned,
      (select max(ev.held_on)::text from opp_evaluations ev where ev.opp_id = o.id) as "lastEvaluatedOn",
      cur.updated_by as "authorId",
      case when cm.id is null then null else json_build_object('id', cm.id, 'name', cm.name) end as "caseManager"
    from opps o
    join pupils p on p.id = o.pupil_id
    left join enrolments e on e.pupil_id = p.id and e.end_date is null
    left join classes c on c.id = e.class_id
    left join users cm on cm.id = p.case_manager_id
    left join opp_versions cur on cur.opp_id = o.id and cur.number = o.current_version
    left join lateral (
      select v.agreed_at, v.content from opp_versions v where v.opp_id = o.id and v.agreed_at is not null order by v.number desc limit 1
    ) f on true
    where ${whenId(db, 'o.school_id', o.schoolId)} and ${whenId(db, 'o.partnership_id', o.partnershipId)}
      and ${o.openOnly ? db`o.status <> 'closed'` : db`true`}
    order by lower(p.last_name), lower(p.first_name), o.created_at`;
}

export const statusOf = (r: PlanClockRow, day: string) =>
  overviewStatus({ status: r.status, sentOn: r.sentOn, agreedOn: r.agreedOn, planned: r.planned ?? [], lastEvaluatedOn: r.lastEvaluatedOn }, day);

export interface MissingRow {
  pupilId: string;
  partnershipId: string;
  schoolId: string;
  pupilName: string;
  firstName: string;
  className: string | null;
  schoolKind: string;
  placedOn: string;
  supportLevel: string;
  extraSince: string | null;
}

/**
 * Pupils who need an OPP and have no open one: every pupil of a pro, vso,
 * so or sbo school (placement = start of their open enrolment there), and
 * every pupil with support level "extra" (since the level was set).
 */
export async function pupilsWithoutPlan(db: Db, o: { schoolId?: string; partnershipId?: string }): Promise<MissingRow[]> {
  return db<MissingRow[]>`
    select p.id as "pupilId", p.partnership_id as "partnershipId", p.school_id as "schoolId", ${db.unsafe(PUPIL_NAME)} as "pupilName",
      p.first_name as "firstName", c.name as "className", s.kind as "schoolKind", e.start_date::text as "placedOn", p.support_level as "supportLevel",
      (select ${db.unsafe(dutchDay('max(h.changed_at)'))} from pupil_status_history h
        where h.pupil_id = p.id and h.field = 'support_level' and h.new_value = 'extra') as "extraSince"
    from pupils p
    join schools s on s.id = p.school_id
    join enrolments e on e.pupil_id = p.id and e.end_date is null and e.school_id = p.school_id
    left join classes c on c.id = e.class_id
    where ${whenId(db, 'p.school_id', o.schoolId)} and ${whenId(db, 'p.partnership_id', o.partnershipId)}
      and (s.kind in ('pro', 'vso', 'so', 'sbo') or p.support_level = 'extra')
      and not exists (select 1 from opps o where o.pupil_id = p.id and o.status <> 'closed')
    order by lower(p.last_name), lower(p.first_name)`;
}

/** Why and since when a pupil needs a plan; the 6 weeks of the law for special schools, the same term for extra support. */
export function missingOf(r: MissingRow, day: string): Omit<Missing, 'allowed'> {
  const special = oppRequiredAtSchool(r.schoolKind);
  const since = special ? r.placedOn : (r.extraSince ?? r.placedOn);
  const dueOn = oppDueOn(since);
  return {
    pupil: { id: r.pupilId, name: r.pupilName },
    className: r.className,
    reason: special ? 'special_school' : 'extra_support',
    since,
    dueOn,
    overdue: dueOn < day,
  };
}

async function schoolInTenant(db: Db, ctx: StaffContext, schoolId: string) {
  const [s] = await db<{ id: string; name: string; kind: string }[]>`
    select id, name, kind from schools where id = ${schoolId} and partnership_id = ${ctx.scope.partnershipId}`;
  if (!s) fail('NOT_FOUND');
  planPolicy.authorize(ctx.principal, 'overview', { ...anyPlan, schoolId: s!.id });
  return s!;
}

/** Plans of the overview per page; the pupils without a plan are all shown (a short list, and the work to do). */
export const OVERVIEW_PAGE_SIZE = 50;

const collator = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });
const byText = (a: string | null | undefined, b: string | null | undefined) => (a ?? '') === (b ?? '') ? 0 : !a ? 1 : !b ? -1 : collator.compare(a, b);
const PLAN_ORDER: Record<z.infer<typeof OverviewQuery>['sort'], (a: Plan & { rank: number }, b: Plan & { rank: number }) => number> = {
  // The school's order of names (last name first), as the query returns them.
  pupil: (a, b) => a.rank - b.rank,
  class: (a, b) => byText(a.className, b.className),
  kind: (a, b) => byText(a.kind, b.kind),
  status: (a, b) => overviewStatuses.indexOf(a.status) - overviewStatuses.indexOf(b.status),
  nextEvaluation: (a, b) => byText(a.nextEvaluationOn, b.nextEvaluationOn),
  caseManager: (a, b) => byText(a.caseManager?.name, b.caseManager?.name),
};
const matches = (q: string | undefined, name: string) => !q || name.toLowerCase().includes(q.toLowerCase());

/**
 * The overview's rows for its reader: every plan with its status by the
 * clocks (searched, filtered and sorted, not yet paged), the pupils who
 * should have a plan and have none (searched), and the school's counts.
 */
async function overviewRows(tx: Db, ctx: StaffContext, schoolId: string, q: Omit<z.infer<typeof OverviewQuery>, 'page'>, day: string) {
  const school = await schoolInTenant(tx, ctx, schoolId);
  const rows = await planClocks(tx, { schoolId });
  const counts = Object.fromEntries(overviewStatuses.map((s) => [s, 0])) as Record<OverviewStatus, number>;
  let unsignedCount = 0;
  const all = rows.map((r, rank) => {
    const s = statusOf(r, day);
    counts[s.status]++;
    const unsigned = r.status === 'with_parents';
    if (unsigned) unsignedCount++;
    return {
      rank,
      id: r.id,
      pupil: { id: r.pupilId, name: r.pupilName },
      className: r.className,
      kind: r.kind,
      status: s.status,
      overdueReason: s.status === 'overdue' ? s.reason : null,
      version: r.version,
      sentOn: r.sentOn,
      agreedOn: r.agreedOn,
      nextEvaluationOn: s.dueOn,
      unsigned,
      caseManager: r.caseManager,
      allowed: { openPlan: planPolicy.can(ctx.principal, 'read', { schoolId: r.schoolId, classId: null, caseManagerId: r.caseManager?.id ?? null, status: r.status, kind: r.kind }) },
    };
  });
  const order = PLAN_ORDER[q.sort];
  const plans = all
    .filter((p) => (q.status ? p.status === q.status : p.status !== 'closed') && (!q.due || (p.nextEvaluationOn !== null && p.nextEvaluationOn <= q.due)) && matches(q.q, p.pupil.name))
    .sort((a, b) => (q.dir === 'desc' ? -1 : 1) * (order(a, b) || a.rank - b.rank));
  // The missing plans belong to the list of work, not to a filter on existing plans.
  const missing = q.status || q.due
    ? []
    : (await pupilsWithoutPlan(tx, { schoolId }))
        .filter((m) => matches(q.q, m.pupilName))
        .map((m) => ({ ...missingOf(m, day), allowed: { openPupil: pupilPolicy.can(ctx.principal, 'read', { schoolId: m.schoolId, classId: null }) } }));
  return { school, counts, unsignedCount, plans, missing };
}

/**
 * The school's OPP overview (OCO, school leader): a page of plans with their
 * status by the clocks, and the pupils who should have a plan and have none.
 * Every pupil shown is an audited read.
 */
export async function schoolOverview(ctx: StaffContext, schoolId: string, q: z.infer<typeof OverviewQuery>, day = todayOf()): Promise<z.infer<typeof OppOverview>> {
  return transaction(ctx.sql, async (tx) => {
    const { school, counts, unsignedCount, plans: found, missing } = await overviewRows(tx, ctx, schoolId, q, day);
    const plans = found.slice((q.page - 1) * OVERVIEW_PAGE_SIZE, q.page * OVERVIEW_PAGE_SIZE).map(({ rank: _, ...p }) => p);
    await auditMany(tx, ctx.actor, [
      ...plans.map((p) => ({ action: 'opp.overview' as const, entityType: 'opp', entityId: p.id, pupilId: p.pupil.id, schoolId })),
      ...missing.map((m) => ({ action: 'opp.overview_missing' as const, entityType: 'pupil', entityId: m.pupil.id, pupilId: m.pupil.id, schoolId })),
    ]);
    return { school, today: day, counts, unsignedCount, plans, page: q.page, pageSize: OVERVIEW_PAGE_SIZE, total: found.length, missing };
  });
}

/** The overview as a file: every plan the search and filters find, and the pupils without one; audited as an export. */
export async function exportOverview(ctx: StaffContext, schoolId: string, q: z.infer<typeof OverviewExportQuery>, day = todayOf()): Promise<ExportSheet> {
  return transaction(ctx.sql, async (tx) => {
    const { school, plans, missing } = await overviewRows(tx, ctx, schoolId, q, day);
    await auditExport(tx, ctx.actor, {
      list: 'opps',
      format: q.format,
      count: plans.length + missing.length,
      pupils: [
        ...plans.map((p) => ({ action: 'opp.overview_export' as const, entityType: 'opp', entityId: p.id, pupilId: p.pupil.id, schoolId })),
        ...missing.map((m) => ({ action: 'opp.overview_export' as const, entityType: 'pupil', entityId: m.pupil.id, pupilId: m.pupil.id, schoolId })),
      ],
    });
    const reason = (r: 'evaluation' | 'answer' | null) => (r === 'answer' ? ': geen reactie ouders' : r === 'evaluation' ? ': evaluatie' : '');
    return {
      name: 'opp-overzicht',
      title: 'OPP-overzicht',
      columns: [
        { header: 'Leerling', width: 28 },
        { header: 'Klas', width: 10 },
        { header: 'School', width: 28 },
        { header: 'Soort', width: 12 },
        { header: 'Status', width: 28 },
        { header: 'Verstuurd naar ouders', kind: 'day', width: 16 },
        { header: 'Ingestemd', kind: 'day', width: 14 },
        { header: 'Volgende evaluatie', kind: 'day', width: 16 },
        { header: 'OPP uiterlijk', kind: 'day', width: 14 },
        { header: 'Casemanager', width: 24 },
      ],
      rows: [
        ...plans.map((p) => [
          p.pupil.name, p.className, school.name, p.kind === 'light' ? 'OPP light' : 'OPP', `${overviewStatusLabels[p.status]}${reason(p.overdueReason)}`,
          p.sentOn, p.agreedOn, p.nextEvaluationOn, null, p.caseManager?.name ?? null,
        ]),
        ...missing.map((m) => [
          m.pupil.name, m.className, school.name, null, m.reason === 'special_school' ? 'Nog geen OPP (geplaatst op deze school)' : 'Nog geen OPP (extra ondersteuning)',
          null, null, null, m.dueOn, null,
        ]),
      ],
    };
  });
}

interface NumberRows {
  opps: { id: string; schoolId: string; kind: 'full' | 'light'; createdOn: string; closedOn: string | null }[];
  versions: { oppId: string; sentOn: string | null; agreedOn: string | null; disagreed: boolean; planned: string[] | null }[];
  evaluations: { oppId: string; heldOn: string }[];
}

async function numberRows(db: Db, partnershipId: string, schoolId: string | null): Promise<NumberRows> {
  const [opps, versions, evaluations] = await Promise.all([
    db<NumberRows['opps']>`
      select o.id, o.school_id as "schoolId", o.kind, ${db.unsafe(dutchDay('o.created_at'))} as "createdOn", ${db.unsafe(dutchDay('o.closed_at'))} as "closedOn"
      from opps o where o.partnership_id = ${partnershipId} and ${whenId(db, 'o.school_id', schoolId)}`,
    db<NumberRows['versions']>`
      select v.opp_id as "oppId", ${db.unsafe(dutchDay('v.sent_at'))} as "sentOn", ${db.unsafe(dutchDay('v.agreed_at'))} as "agreedOn",
        (v.status = 'disagreed' or (v.agreed_at is null and exists (select 1 from opp_responses r where r.version_id = v.id and r.decision = 'disagree'))) as disagreed,
        case when v.agreed_at is null then null else (select array_agg(x order by x) from jsonb_array_elements_text(v.content->'evaluationDates') x) end as planned
      from opp_versions v join opps o on o.id = v.opp_id
      where o.partnership_id = ${partnershipId} and ${whenId(db, 'o.school_id', schoolId)} and v.sent_at is not null`,
    db<NumberRows['evaluations']>`
      select ev.opp_id as "oppId", ev.held_on::text as "heldOn"
      from opp_evaluations ev join opps o on o.id = ev.opp_id
      where o.partnership_id = ${partnershipId} and ${whenId(db, 'o.school_id', schoolId)}`,
  ]);
  return { opps, versions, evaluations };
}

const share = (part: number, whole: number) => (whole === 0 ? null : Math.round((part / whole) * 1000) / 1000);

/** The numbers of a set of plans over a period (counts only: the indicators capability builds on them). */
export function countNumbers(rows: NumberRows, from: string, to: string, day: string): Numbers {
  const inPeriod = (d: string | null) => d !== null && d >= from && d <= to;
  const open = rows.opps.filter((o) => o.createdOn <= to && (o.closedOn === null || o.closedOn >= from));
  const sent = rows.versions.filter((v) => inPeriod(v.sentOn));
  const agreed = sent.filter((v) => v.agreedOn !== null).length;
  const evalsByOpp = new Map<string, string[]>();
  for (const e of rows.evaluations) evalsByOpp.set(e.oppId, [...(evalsByOpp.get(e.oppId) ?? []), e.heldOn]);
  let evaluationsDue = 0;
  let evaluationsOnTime = 0;
  for (const v of rows.versions) {
    if (!v.agreedOn) continue;
    // Every evaluation ends its version (a new version, or closing the plan).
    const held = (evalsByOpp.get(v.oppId) ?? []).map((heldOn) => ({ heldOn, endsVersion: true }));
    for (const r of evaluationRecord({ agreedOn: v.agreedOn, planned: v.planned ?? [], held, today: day })) {
      if (!inPeriod(r.dueOn)) continue;
      evaluationsDue++;
      if (r.heldOn !== null && r.heldOn <= r.dueOn) evaluationsOnTime++;
    }
  }
  return {
    plans: open.length,
    full: open.filter((o) => o.kind === 'full').length,
    light: open.filter((o) => o.kind === 'light').length,
    created: rows.opps.filter((o) => inPeriod(o.createdOn)).length,
    sent: sent.length,
    agreed,
    disagreed: sent.filter((v) => v.disagreed).length,
    shareAgreed: share(agreed, sent.length),
    evaluationsDue,
    evaluationsOnTime,
    shareOnTime: share(evaluationsOnTime, evaluationsDue),
  };
}

/** The school's numbers (OCO, school leader): counts only, so no pupil read to audit. */
export async function schoolNumbers(ctx: StaffContext, schoolId: string, from: string, to: string, day = todayOf()): Promise<z.infer<typeof SchoolNumbers>> {
  const school = await schoolInTenant(ctx.sql, ctx, schoolId);
  const rows = await numberRows(ctx.sql, ctx.scope.partnershipId, schoolId);
  return { school: { id: school.id, name: school.name }, from, to, numbers: countNumbers(rows, from, to, day) };
}

/** Partnership-wide numbers for the director: per school and in total, pseudonymous (no pupil or plan ids). */
export async function partnershipNumbers(ctx: StaffContext, from: string, to: string, day = todayOf()): Promise<z.infer<typeof PartnershipNumbers>> {
  planPolicy.authorize(ctx.principal, 'partnershipNumbers', anyPlan);
  const [schools, rows] = await Promise.all([
    ctx.sql<{ id: string; name: string; kind: string }[]>`select id, name, kind from schools where partnership_id = ${ctx.scope.partnershipId} order by name`,
    numberRows(ctx.sql, ctx.scope.partnershipId, null),
  ]);
  const schoolOf = new Map(rows.opps.map((o) => [o.id, o.schoolId]));
  const perSchool = schools.map((s) => {
    const ids = new Set(rows.opps.filter((o) => o.schoolId === s.id).map((o) => o.id));
    const sub: NumberRows = {
      opps: rows.opps.filter((o) => ids.has(o.id)),
      versions: rows.versions.filter((v) => schoolOf.get(v.oppId) === s.id),
      evaluations: rows.evaluations.filter((e) => schoolOf.get(e.oppId) === s.id),
    };
    return { school: s, numbers: countNumbers(sub, from, to, day) };
  });
  return { from, to, total: countNumbers(rows, from, to, day), schools: perSchool };
}

import { randomBytes, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { transaction, type Db } from '../../../db/index.ts';
import { reveal } from '../../../platform/access/reveal.ts';
import { audit } from '../../../platform/audit.ts';
import { fail, fieldError } from '../../../platform/errors.ts';
import type { StaffContext } from '../../../platform/http/context.ts';
import type { AdjustRoundInput, AuditPlanInput, DrawRoundInput, ImprovementsInput, Report, ReportInput, RoundQuery } from '../audit-schema.ts';
import { planningYear } from '../plans.ts';
import { auditRoundPolicy, drawnPupilPolicy, peerAuditPolicy } from '../policy.ts';
import { loadSpearheads } from '../spearheads.ts';
import { adjustRotation, drawPupil, drawRotation, RotationError, type PastPair } from './draw.ts';

/** A fresh seed for a draw: 128 random bits as hex, kept with what was drawn. */
const newSeed = () => randomBytes(16).toString('hex');
const firstYear = (schoolYear: string) => Number(schoolYear.slice(0, 4));

interface Adjustment {
  auditor: string;
  audited: string;
  reason: string;
  by: string;
  at: string;
}

/* ------------------------------------------------------------------ rounds */

export async function getRound(ctx: StaffContext, q: z.infer<typeof RoundQuery>) {
  auditRoundPolicy.authorize(ctx.principal, 'list', {});
  const schoolYear = q.schoolYear ?? planningYear();
  const [round] = await ctx.sql<{ id: string; seed: string; drawnAt: Date; drawnBy: string | null; repeats: number; adjustments: Adjustment[] }[]>`
    select r.id, r.seed, r.drawn_at as "drawnAt", u.name as "drawnBy", r.repeats, r.adjustments
    from audit_rounds r left join users u on u.id = r.drawn_by
    where r.partnership_id = ${ctx.scope.partnershipId} and r.school_year = ${schoolYear}`;
  const allowed = { draw: auditRoundPolicy.can(ctx.principal, 'draw', {}) && !round, adjust: auditRoundPolicy.can(ctx.principal, 'adjust', {}) && !!round };
  if (!round) return { schoolYear, round: null, allowed };
  const pairs = await ctx.sql<{ auditId: string; auditor: { id: string; name: string }; audited: { id: string; name: string } }[]>`
    select a.id as "auditId", json_build_object('id', x.id, 'name', x.name) as auditor, json_build_object('id', s.id, 'name', s.name) as audited
    from peer_audits a join schools s on s.id = a.school_id join schools x on x.id = a.auditor_school_id
    where a.round_id = ${round.id} and ${peerAuditPolicy.scope(ctx.sql, ctx.principal, 'read')}
    order by x.name`;
  return { schoolYear, round: { ...round, pairs }, allowed };
}

/** The earlier rounds' pairs, by the first calendar year of their school year. */
async function pastPairs(db: Db, partnershipId: string, before: string): Promise<PastPair[]> {
  const rows = await db<{ schoolYear: string; auditor: string; audited: string }[]>`
    select r.school_year as "schoolYear", a.auditor_school_id as auditor, a.school_id as audited
    from peer_audits a join audit_rounds r on r.id = a.round_id
    where r.partnership_id = ${partnershipId} and r.school_year < ${before}`;
  return rows.map((r) => ({ year: firstYear(r.schoolYear), auditor: r.auditor, audited: r.audited }));
}

/**
 * The director draws the round of a school year once: every active school
 * (vso included) audits one other, under the rules of draw.ts. The seed, the
 * schools and the earlier pairs are kept with it, so the draw can be redone.
 */
export async function drawRound(ctx: StaffContext, input: z.output<typeof DrawRoundInput>) {
  auditRoundPolicy.authorize(ctx.principal, 'draw', {});
  const pid = ctx.scope.partnershipId;
  return transaction(ctx.sql, async (tx) => {
    // One draw per partnership at a time: the second waits and then finds the round.
    await tx`select id from partnerships where id = ${pid} for update`;
    const [existing] = await tx`select id from audit_rounds where partnership_id = ${pid} and school_year = ${input.schoolYear}`;
    if (existing) fail('CONFLICT', 'De rotatie van dit schooljaar is al getrokken. Pas haar zo nodig aan, met een reden.');
    const schools = (await tx<{ id: string }[]>`select id from schools where partnership_id = ${pid} and active order by id`).map((s) => s.id);
    const history = await pastPairs(tx, pid, input.schoolYear);
    const seed = newSeed();
    let drawn;
    try {
      drawn = drawRotation(schools, history, firstYear(input.schoolYear), seed);
    } catch (e) {
      if (e instanceof RotationError) fail('CONFLICT', e.message);
      throw e;
    }
    const [round] = await tx<{ id: string }[]>`
      insert into audit_rounds (partnership_id, school_year, seed, schools, history, drawn_pairs, repeats, drawn_by)
      values (${pid}, ${input.schoolYear}, ${seed}, ${tx.json(schools)}, ${tx.json(history as never)}, ${tx.json(drawn.pairs as never)}, ${drawn.repeats}, ${ctx.principal.userId})
      returning id`;
    for (const p of drawn.pairs) {
      await tx`insert into peer_audits (partnership_id, round_id, school_id, auditor_school_id) values (${pid}, ${round!.id}, ${p.audited}, ${p.auditor})`;
    }
    await audit(tx, ctx.actor, { action: 'audit_round.draw', entityType: 'audit_round', entityId: round!.id, details: { schoolYear: input.schoolYear, schools: schools.length, repeats: drawn.repeats } });
    return { id: round!.id };
  });
}

/**
 * The director changes who audits whom, with a reason (a conflict of
 * interest, a school that merged): `auditorSchoolId` audits
 * `auditedSchoolId` instead, and the school that was to audit it takes the
 * other's old school. Refused when it breaks a rule of the rotation or
 * touches an audit that has drawn its pupil or has its report.
 */
export async function adjustRound(ctx: StaffContext, id: string, input: z.output<typeof AdjustRoundInput>) {
  auditRoundPolicy.authorize(ctx.principal, 'adjust', {});
  return transaction(ctx.sql, async (tx) => {
    const [round] = await tx<{ id: string; adjustments: Adjustment[] }[]>`
      select id, adjustments from audit_rounds where id = ${id} and partnership_id = ${ctx.scope.partnershipId} for update`;
    if (!round) fail('NOT_FOUND');
    const rows = await tx<{ id: string; auditor: string; audited: string; fixed: boolean }[]>`
      select id, auditor_school_id as auditor, school_id as audited, (drawn_at is not null or report_at is not null) as fixed
      from peer_audits where round_id = ${id} for update`;
    const pairs = rows.map((r) => ({ auditor: r.auditor, audited: r.audited }));
    if (!pairs.some((p) => p.auditor === input.auditorSchoolId)) fieldError('auditorSchoolId', 'Deze school hoort niet bij de rotatie.');
    if (!pairs.some((p) => p.audited === input.auditedSchoolId)) fieldError('auditedSchoolId', 'Deze school hoort niet bij de rotatie.');
    let next: typeof pairs;
    try {
      next = adjustRotation(pairs, input.auditorSchoolId, input.auditedSchoolId);
    } catch (e) {
      if (e instanceof RotationError) fieldError('auditedSchoolId', e.message);
      throw e;
    }
    const changed = rows.filter((r) => next.find((p) => p.audited === r.audited)!.auditor !== r.auditor);
    if (changed.length === 0) fieldError('auditedSchoolId', 'Deze school auditeert die school al.');
    if (changed.some((r) => r.fixed)) fail('CONFLICT', 'Een audit die deze wijziging raakt, heeft al een getrokken leerling of een verslag; die rotatie ligt vast.');
    for (const r of changed) {
      // The auditors were people of the old auditing school: the audit is planned again.
      await tx`update peer_audits set auditor_school_id = ${next.find((p) => p.audited === r.audited)!.auditor}, auditor_user_ids = '{}' where id = ${r.id}`;
    }
    const adjustment: Adjustment = { auditor: input.auditorSchoolId, audited: input.auditedSchoolId, reason: input.reason, by: ctx.principal.name, at: new Date().toISOString() };
    await tx`update audit_rounds set adjustments = adjustments || ${tx.json([adjustment] as never)} where id = ${id}`;
    await audit(tx, ctx.actor, { action: 'audit_round.adjust', entityType: 'audit_round', entityId: id, details: { auditor: input.auditorSchoolId, audited: input.auditedSchoolId } });
    return { ok: true as const };
  });
}

/* ------------------------------------------------------------------ audits */

interface AuditRow {
  id: string;
  schoolYear: string;
  schoolId: string;
  schoolName: string;
  auditorSchoolId: string;
  auditorSchoolName: string;
  plannedOn: string | null;
  plannedMinutes: number;
  auditorUserIds: string[];
  chairName: string;
  successfulDossier: string;
  difficultDossier: string;
  drawnPupilId: string | null;
  drawSeed: string | null;
  drawList: string[] | null;
  drawnAt: Date | null;
  report: Report | null;
  reportBy: string | null;
  reportAt: Date | null;
  improvements: { id: string; text: string; spearheadId: string }[];
  improvementsAt: Date | null;
}

const selectAudit = (db: Db, partnershipId: string, id: string, lock = false) => db<AuditRow[]>`
  select a.id, r.school_year as "schoolYear", a.school_id as "schoolId", s.name as "schoolName", a.auditor_school_id as "auditorSchoolId",
    x.name as "auditorSchoolName", a.planned_on::text as "plannedOn", a.planned_minutes as "plannedMinutes", a.auditor_user_ids::text[] as "auditorUserIds",
    a.chair_name as "chairName", a.successful_dossier as "successfulDossier", a.difficult_dossier as "difficultDossier",
    a.drawn_pupil_id as "drawnPupilId", a.draw_seed as "drawSeed", a.draw_list as "drawList", a.drawn_at as "drawnAt",
    a.report, ru.name as "reportBy", a.report_at as "reportAt", a.improvements, a.improvements_at as "improvementsAt"
  from peer_audits a join audit_rounds r on r.id = a.round_id join schools s on s.id = a.school_id join schools x on x.id = a.auditor_school_id
    left join users ru on ru.id = a.report_by
  where a.id = ${id} and a.partnership_id = ${partnershipId} ${lock ? db`for update of a` : db``}`;

type AuditAction = 'read' | 'plan' | 'drawPupil' | 'report' | 'improve';
async function loadAudit(ctx: StaffContext, db: Db, id: string, action: AuditAction, lock = false) {
  const [row] = await selectAudit(db, ctx.scope.partnershipId, id, lock);
  return reveal(ctx.principal, peerAuditPolicy, action, { id, row });
}

/** Who may be named as an auditor: the leaders and OCOs of the auditing school, and the partnership's directors (seed 000). */
const candidates = (db: Db, partnershipId: string, auditorSchoolId: string) => db<{ id: string; name: string }[]>`
  select distinct u.id, u.name from users u join role_assignments r on r.user_id = u.id
  where u.partnership_id = ${partnershipId} and u.status = 'active'
    and ((r.school_id = ${auditorSchoolId} and r.role in ('schoolleider', 'oco')) or (r.school_id is null and r.role = 'swv_director'))
  order by u.name`;

export async function getAudit(ctx: StaffContext, id: string) {
  const a = await loadAudit(ctx, ctx.sql, id, 'read');
  const [people, spearheads] = await Promise.all([candidates(ctx.sql, ctx.scope.partnershipId, a.auditorSchoolId), loadSpearheads(ctx.sql, ctx.scope.partnershipId)]);
  const named = await ctx.sql<{ id: string; name: string }[]>`select id, name from users where id = any(${a.auditorUserIds}::uuid[]) order by name`;
  const pupil = { pupilId: a.drawnPupilId, schoolId: a.schoolId, auditorUserIds: a.auditorUserIds, plannedOn: a.plannedOn };
  return {
    id: a.id,
    schoolYear: a.schoolYear,
    school: { id: a.schoolId, name: a.schoolName },
    auditorSchool: { id: a.auditorSchoolId, name: a.auditorSchoolName },
    plannedOn: a.plannedOn,
    plannedMinutes: a.plannedMinutes,
    auditors: named,
    chairName: a.chairName,
    successfulDossier: a.successfulDossier,
    difficultDossier: a.difficultDossier,
    draw: a.drawnAt && a.drawSeed ? { seed: a.drawSeed, listSize: a.drawList?.length ?? 0, drawnAt: a.drawnAt, pupilDrawn: a.drawnPupilId !== null } : null,
    report: a.report && a.reportAt ? { ...a.report, by: a.reportBy, at: a.reportAt } : null,
    improvements: a.improvements.map(({ text, spearheadId }) => ({ text, spearheadId })),
    improvementsAt: a.improvementsAt,
    candidates: people,
    spearheads: spearheads.map(({ id: sid, label, active }) => ({ id: sid, label, active })),
    allowed: { ...peerAuditPolicy.allowed(ctx.principal, a), readDrawnPupil: drawnPupilPolicy.can(ctx.principal, 'read', pupil) },
  };
}

/** The director plans the audit: the day, the 2.5 hours, the auditors, the chair, and the two dossiers the school brings (described, no pupil named). */
export async function planAudit(ctx: StaffContext, id: string, input: z.output<typeof AuditPlanInput>) {
  return transaction(ctx.sql, async (tx) => {
    const a = await loadAudit(ctx, tx, id, 'plan', true);
    const allowed = new Set((await candidates(tx, ctx.scope.partnershipId, a.auditorSchoolId)).map((c) => c.id));
    input.auditorUserIds.forEach((u, i) => {
      if (!allowed.has(u)) fieldError(`auditorUserIds.${i}`, 'Kies de schoolleider of OCO van de auditerende school, of de directeur.');
    });
    await tx`
      update peer_audits set planned_on = ${input.plannedOn}, planned_minutes = ${input.plannedMinutes}, auditor_user_ids = ${[...new Set(input.auditorUserIds)]}::uuid[],
        chair_name = ${input.chairName}, successful_dossier = ${input.successfulDossier}, difficult_dossier = ${input.difficultDossier}
      where id = ${id}`;
    await audit(tx, ctx.actor, { action: 'peer_audit.plan', entityType: 'peer_audit', entityId: id, schoolId: a.schoolId, details: { plannedOn: input.plannedOn, auditors: input.auditorUserIds.length } });
    return { ok: true as const };
  });
}

/**
 * The random pupil (seed 000, "Horizontale verantwoording"): one of the
 * pupils enrolled at the audited school with an arrangement granted for the
 * round's school year. The list and the seed are kept, so the draw can be
 * redone; it is done once. The answer does not name the pupil: only the
 * auditors see who it is, on the day.
 */
export async function drawAuditPupil(ctx: StaffContext, id: string) {
  return transaction(ctx.sql, async (tx) => {
    const a = await loadAudit(ctx, tx, id, 'drawPupil', true);
    const start = `${a.schoolYear.slice(0, 4)}-08-01`;
    const end = `${a.schoolYear.slice(5)}-07-31`;
    const list = (
      await tx<{ id: string }[]>`
        select distinct ar.pupil_id as id from arrangements ar join pupils p on p.id = ar.pupil_id
        where ar.partnership_id = ${ctx.scope.partnershipId} and ar.school_id = ${a.schoolId} and ar.kind = 'arrangement'
          and p.school_id = ${a.schoolId} and ar.starts_on <= ${end} and ar.ends_on >= ${start}`
    ).map((r) => r.id);
    const seed = newSeed();
    const drawn = drawPupil(list, seed);
    await tx`
      update peer_audits set drawn_pupil_id = ${drawn?.pupilId ?? null}, draw_seed = ${seed}, draw_list = ${tx.json(drawn?.list ?? [])}, drawn_at = now(), drawn_by = ${ctx.principal.userId}
      where id = ${id}`;
    await audit(tx, ctx.actor, { action: 'peer_audit.draw_pupil', entityType: 'peer_audit', entityId: id, schoolId: a.schoolId, pupilId: drawn?.pupilId ?? null, details: { listSize: list.length } });
    return { drawn: drawn !== null, listSize: list.length };
  });
}

/**
 * The drawn pupil's dossier as the auditors need it: what was granted
 * (arrangements at the school) and what the plan does (the OPP's measures),
 * to tell extra support from basic support. Open to the auditors named, on
 * the audit day; every read is audited, and after the day the access is
 * refused (and that refusal audited too).
 */
export async function readDrawnPupil(ctx: StaffContext, id: string) {
  const [row] = await selectAudit(ctx.sql, ctx.scope.partnershipId, id);
  const target = row ? { pupilId: row.drawnPupilId, schoolId: row.schoolId, auditorUserIds: row.auditorUserIds, plannedOn: row.plannedOn } : undefined;
  const a = reveal(ctx.principal, drawnPupilPolicy, 'read', { id, row: target, pupilId: row?.drawnPupilId ?? null });
  const pupilId = a.pupilId!;
  const [[pupil], arrangements, [opp]] = await Promise.all([
    ctx.sql<{ id: string; name: string; birthYear: number }[]>`
      select id, concat_ws(' ', first_name, nullif(name_prefix, ''), last_name) as name, extract(year from birth_date)::int as "birthYear" from pupils where id = ${pupilId}`,
    ctx.sql<{ kind: string; offers: string | null; hours: number | null; amountEur: number | null; startsOn: string; endsOn: string; status: string }[]>`
      select coalesce(k.name, 'Arrangement') as kind, k.offers, ar.hours, ar.amount_eur::float8 as "amountEur", ar.starts_on::text as "startsOn", ar.ends_on::text as "endsOn", ar.status
      from arrangements ar left join arrangement_kinds k on k.id = ar.arrangement_kind_id
      where ar.pupil_id = ${pupilId} and ar.school_id = ${a.schoolId} order by ar.starts_on desc`,
    ctx.sql<{ status: string; content: { measures?: { aspect?: string; description?: string; who?: string }[] } }[]>`
      select o.status, v.content from opps o join opp_versions v on v.opp_id = o.id and v.number = o.current_version
      where o.pupil_id = ${pupilId} and o.status <> 'closed'`,
  ]);
  await audit(ctx.sql, ctx.actor, { action: 'drawn_pupil.read', entityType: 'peer_audit', entityId: id, pupilId, schoolId: a.schoolId });
  return {
    pupil: pupil!,
    arrangements,
    opp: opp ? { status: opp.status, measures: (opp.content.measures ?? []).map((m) => ({ aspect: m.aspect ?? '', description: m.description ?? '', who: m.who ?? '' })) } : null,
    openUntil: a.plannedOn!,
  };
}

/** The chair's report, recorded by the director: answers to seed 000's questions and the success factors and pitfalls by theme. */
export async function saveReport(ctx: StaffContext, id: string, input: z.output<typeof ReportInput>) {
  return transaction(ctx.sql, async (tx) => {
    const a = await loadAudit(ctx, tx, id, 'report', true);
    await tx`update peer_audits set report = ${tx.json(input as never)}, report_by = ${ctx.principal.userId}, report_at = now() where id = ${id}`;
    await audit(tx, ctx.actor, { action: 'peer_audit.report', entityType: 'peer_audit', entityId: id, schoolId: a.schoolId, details: { findings: input.findings.length } });
    return { ok: true as const };
  });
}

/** The audited school's answer: improvement points, each under a spearhead, which its next action plan takes over. */
export async function saveImprovements(ctx: StaffContext, id: string, input: z.output<typeof ImprovementsInput>) {
  return transaction(ctx.sql, async (tx) => {
    const a = await loadAudit(ctx, tx, id, 'improve', true);
    const known = new Set((await loadSpearheads(tx, ctx.scope.partnershipId)).map((s) => s.id));
    input.points.forEach((p, i) => {
      if (!known.has(p.spearheadId)) fieldError(`points.${i}.spearheadId`, 'Dit speerpunt kent het samenwerkingsverband niet.');
    });
    // Each point keeps its id across saves (by its text), so a plan that took it over does not take it twice.
    const before = new Map(a.improvements.map((p) => [p.text, p.id]));
    const points = input.points.map((p) => ({ id: before.get(p.text) ?? randomUUID(), text: p.text, spearheadId: p.spearheadId }));
    await tx`update peer_audits set improvements = ${tx.json(points)}, improvements_by = ${ctx.principal.userId}, improvements_at = now() where id = ${id}`;
    await audit(tx, ctx.actor, { action: 'peer_audit.improvements', entityType: 'peer_audit', entityId: id, schoolId: a.schoolId, details: { points: points.length } });
    return { ok: true as const };
  });
}

import type { z } from 'zod';
import { transaction, type Db } from '../../db/index.ts';
import { hasPartnershipRole, type Principal } from '../../platform/access/principal.ts';
import { reveal } from '../../platform/access/reveal.ts';
import { audit } from '../../platform/audit.ts';
import { fieldError } from '../../platform/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { today } from '../../platform/time.ts';
import { tablePolicy, WATCHERS, zorgplichtSettingsPolicy, type TableResource } from './policy.ts';
import type { AdviceInput, EnforceInput, MeetingInput, PutOnTableInput, TableView, ZorgplichtSettings, ZorgplichtSettingsView } from './schema.ts';

/**
 * The placement table (plaatsingstafel; DOMAIN.md C6, seed 004 §4): cases
 * that do not resolve go to the partnership's table with parents, schools,
 * the partnership and chain partners; its outcome is a binding advice with
 * what each party does by when, followed until the pupil is placed. Where the
 * partnership has given its director doorzettingsmacht, the director decides
 * the placement with a motivation, and the decision is recorded.
 */

/** The outcomes by which the pupil has a place: the zorgplicht ended with a school (issue rules: "the zorgplicht ends only then"). */
export const PLACED_OUTCOMES = ['admitted', 'admitted_support', 'offer_elsewhere'] as const;
export const PLACED_SQL = `(z.status = 'decided' and z.outcome in ('admitted', 'admitted_support', 'offer_elsewhere'))`;

/** The partnership's zorgplicht settings; a partnership that set nothing has them off. */
export async function loadZorgplichtSettings(db: Db, partnershipId: string): Promise<z.infer<typeof ZorgplichtSettings>> {
  const [row] = await db<{ s: { doorzettingsmacht?: boolean } | null }[]>`select settings->'zorgplicht' as s from partnerships where id = ${partnershipId}`;
  return { doorzettingsmacht: row?.s?.doorzettingsmacht === true };
}

type LoadedTable = TableResource & { id: string; caseId: string | null };

/** The registration with its table case, as the table policy sees it, after reveal-then-authorise. */
export async function tableFor(db: Db, ctx: StaffContext, registrationId: string, action: Parameters<typeof tablePolicy.can>[1], lock = false): Promise<LoadedTable> {
  const [row] = await db<Omit<LoadedTable, 'doorzettingsmacht'>[]>`
    select z.id, z.school_id as "schoolId", z.pupil_id as "pupilId", z.support_suspected as "supportSuspected", z.status,
      z.received_on::text as "receivedOn", z.extended_to::text as "extendedTo",
      coalesce((select array_agg(q.school_id::text) from zorgplicht_placement_requests q where q.registration_id = z.id and q.status <> 'withdrawn'), '{}') as "askedSchoolIds",
      t.id as "caseId", t.id is not null as "atTable", ${db.unsafe(PLACED_SQL)} as placed,
      t.advice_at is not null as "adviceRecorded", t.decision_at is not null as "decisionRecorded"
    from zorgplicht_registrations z left join zorgplicht_table_cases t on t.registration_id = z.id
    where z.id = ${registrationId} and z.partnership_id = ${ctx.scope.partnershipId} ${lock ? db`for update of z` : db``}`;
  const settings = await loadZorgplichtSettings(db, ctx.scope.partnershipId);
  return reveal(ctx.principal, tablePolicy, action, { id: registrationId, row: row && { ...row, doorzettingsmacht: settings.doorzettingsmacht } });
}

const auditTable = (ctx: StaffContext, r: LoadedTable, action: 'zorgplicht.table_put' | 'zorgplicht.table_meeting' | 'zorgplicht.table_advice' | 'zorgplicht.table_action_done' | 'zorgplicht.table_decision', details = {}) =>
  (db: Db) => audit(db, ctx.actor, { action, entityType: 'zorgplicht_registration', entityId: r.id, pupilId: r.pupilId, schoolId: r.schoolId, details });

/** Puts the registration on the placement table, with the reason the school reads and the partnership's own notes. */
export async function putOnTable(ctx: StaffContext, registrationId: string, input: z.output<typeof PutOnTableInput>) {
  return transaction(ctx.sql, async (tx) => {
    const r = await tableFor(tx, ctx, registrationId, 'putOnTable', true);
    const [row] = await tx<{ id: string }[]>`
      insert into zorgplicht_table_cases (partnership_id, registration_id, reason, notes, put_by)
      values (${ctx.scope.partnershipId}, ${registrationId}, ${input.reason}, ${input.notes}, ${ctx.principal.userId}) returning id`;
    await auditTable(ctx, r, 'zorgplicht.table_put')(tx);
    return { id: row!.id };
  });
}

/** Plans (or moves) the meeting: its day and the parties present. */
export async function planMeeting(ctx: StaffContext, registrationId: string, input: z.output<typeof MeetingInput>) {
  return transaction(ctx.sql, async (tx) => {
    const r = await tableFor(tx, ctx, registrationId, 'plan', true);
    await tx`update zorgplicht_table_cases set meeting_on = ${input.meetingOn}, meeting_parties = ${tx.json(input.parties as never)} where id = ${r.caseId}`;
    await auditTable(ctx, r, 'zorgplicht.table_meeting', { meetingOn: input.meetingOn, parties: input.parties.length })(tx);
    return { ok: true as const };
  });
}

/** A school of this partnership that is active, or a field error on `path`. */
async function activeSchool(db: Db, ctx: StaffContext, schoolId: string, path: string) {
  const [s] = await db<{ id: string }[]>`select id from schools where id = ${schoolId} and partnership_id = ${ctx.scope.partnershipId} and active`;
  if (!s) fieldError(path, 'Deze school bestaat niet (meer).');
}

/** Records the binding advice: the school that places the pupil or another offer, the motivation, and what each party does by when. */
export async function recordAdvice(ctx: StaffContext, registrationId: string, input: z.output<typeof AdviceInput>) {
  return transaction(ctx.sql, async (tx) => {
    const r = await tableFor(tx, ctx, registrationId, 'advise', true);
    const schoolId = input.outcome === 'school' ? input.schoolId : null;
    if (schoolId) await activeSchool(tx, ctx, schoolId, 'schoolId');
    await tx`
      update zorgplicht_table_cases set advice_outcome = ${input.outcome}, advice_school_id = ${schoolId}, advice_offer = ${input.outcome === 'other' ? input.offer : null},
        advice_motivation = ${input.motivation}, advice_by = ${ctx.principal.userId}, advice_at = now()
      where id = ${r.caseId}`;
    await tx`insert into zorgplicht_table_actions ${tx(
      input.actions.map((a, i) => ({ partnership_id: ctx.scope.partnershipId, case_id: r.caseId!, position: i + 1, party: a.party, description: a.description, due_on: a.dueOn })),
    )}`;
    await auditTable(ctx, r, 'zorgplicht.table_advice', { outcome: input.outcome, actions: input.actions.length })(tx);
    return { ok: true as const };
  });
}

/** Marks one of the advice's actions done. */
export async function markActionDone(ctx: StaffContext, actionId: string) {
  return transaction(ctx.sql, async (tx) => {
    const [a] = await tx<{ registrationId: string; doneAt: Date | null }[]>`
      select t.registration_id as "registrationId", a.done_at as "doneAt" from zorgplicht_table_actions a join zorgplicht_table_cases t on t.id = a.case_id
      where a.id = ${actionId} and a.partnership_id = ${ctx.scope.partnershipId} for update of a`;
    // Unknown, or a case the reader may not read: not there.
    if (!a) reveal(ctx.principal, tablePolicy, 'read', { id: actionId, row: undefined });
    const r = await tableFor(tx, ctx, a!.registrationId, 'followUp', true);
    if (a!.doneAt) return { ok: true as const };
    await tx`update zorgplicht_table_actions set done_at = now(), done_by = ${ctx.principal.userId} where id = ${actionId}`;
    await auditTable(ctx, r, 'zorgplicht.table_action_done', { actionId })(tx);
    return { ok: true as const };
  });
}

/** The director's placement decision under doorzettingsmacht: a school or another offer, with a motivation; recorded with who and when. */
export async function recordDecision(ctx: StaffContext, registrationId: string, input: z.output<typeof EnforceInput>) {
  return transaction(ctx.sql, async (tx) => {
    const r = await tableFor(tx, ctx, registrationId, 'enforce', true);
    if (input.schoolId) await activeSchool(tx, ctx, input.schoolId, 'schoolId');
    await tx`
      update zorgplicht_table_cases set decision_school_id = ${input.schoolId}, decision_offer = ${input.schoolId ? null : input.offer},
        decision_motivation = ${input.motivation}, decision_by = ${ctx.principal.userId}, decision_at = now()
      where id = ${r.caseId}`;
    await auditTable(ctx, r, 'zorgplicht.table_decision', { schoolId: input.schoolId })(tx);
    return { ok: true as const };
  });
}

/**
 * The table as the reader sees it on the registration (inside its audited
 * read): a school reads the reason, the meeting, the advice, the actions and
 * the decision, not the partnership's notes.
 */
export async function readTable(db: Db, p: Principal, partnershipId: string, r: Omit<TableResource, 'atTable' | 'adviceRecorded' | 'decisionRecorded' | 'doorzettingsmacht'> & { id: string }): Promise<z.input<typeof TableView> | null> {
  const [t] = await db<{
    id: string; reason: string; notes: string; putBy: string; putAt: Date; meetingOn: string | null; parties: { kind: 'parents'; name: string }[];
    adviceOutcome: 'school' | 'other' | null; adviceSchoolId: string | null; adviceSchoolName: string | null; adviceOffer: string | null; adviceMotivation: string | null; adviceBy: string | null; adviceAt: Date | null;
    decisionSchoolId: string | null; decisionSchoolName: string | null; decisionOffer: string | null; decisionMotivation: string | null; decisionBy: string | null; decisionAt: Date | null;
  }[]>`
    select t.id, t.reason, t.notes, pu.name as "putBy", t.put_at as "putAt", t.meeting_on::text as "meetingOn", t.meeting_parties as parties,
      t.advice_outcome as "adviceOutcome", t.advice_school_id as "adviceSchoolId", ads.name as "adviceSchoolName", t.advice_offer as "adviceOffer",
      t.advice_motivation as "adviceMotivation", au.name as "adviceBy", t.advice_at as "adviceAt",
      t.decision_school_id as "decisionSchoolId", ds.name as "decisionSchoolName", t.decision_offer as "decisionOffer",
      t.decision_motivation as "decisionMotivation", du.name as "decisionBy", t.decision_at as "decisionAt"
    from zorgplicht_table_cases t join users pu on pu.id = t.put_by
      left join schools ads on ads.id = t.advice_school_id left join users au on au.id = t.advice_by
      left join schools ds on ds.id = t.decision_school_id left join users du on du.id = t.decision_by
    where t.registration_id = ${r.id}`;
  if (!t) return null;
  const actions = await db<{ id: string; party: string; description: string; dueOn: string; doneAt: Date | null; doneBy: string | null }[]>`
    select a.id, a.party, a.description, a.due_on::text as "dueOn", a.done_at as "doneAt", u.name as "doneBy"
    from zorgplicht_table_actions a left join users u on u.id = a.done_by where a.case_id = ${t.id} order by a.position`;
  const settings = await loadZorgplichtSettings(db, partnershipId);
  const resource: TableResource = { ...r, atTable: true, adviceRecorded: t.adviceAt !== null, decisionRecorded: t.decisionAt !== null, doorzettingsmacht: settings.doorzettingsmacht };
  const staff = hasPartnershipRole(p, ...WATCHERS);
  const schools = staff ? await db<{ id: string; name: string }[]>`select id, name from schools where partnership_id = ${partnershipId} and active order by name` : [];
  const day = today();
  const followUp = tablePolicy.can(p, 'followUp', resource);
  return {
    id: t.id,
    reason: t.reason,
    notes: staff ? t.notes : null,
    putBy: t.putBy,
    putAt: t.putAt,
    meeting: t.meetingOn ? { on: t.meetingOn, parties: t.parties } : null,
    advice: t.adviceOutcome
      ? { outcome: t.adviceOutcome, school: t.adviceSchoolId ? { id: t.adviceSchoolId, name: t.adviceSchoolName! } : null, offer: t.adviceOffer, motivation: t.adviceMotivation!, by: t.adviceBy!, at: t.adviceAt! }
      : null,
    actions: actions.map((a) => ({
      id: a.id,
      party: a.party,
      description: a.description,
      dueOn: a.dueOn,
      overdue: !a.doneAt && a.dueOn < day,
      done: a.doneAt ? { at: a.doneAt, by: a.doneBy! } : null,
      allowed: { done: followUp && !a.doneAt },
    })),
    decision: t.decisionAt
      ? { school: t.decisionSchoolId ? { id: t.decisionSchoolId, name: t.decisionSchoolName! } : null, offer: t.decisionOffer, motivation: t.decisionMotivation!, by: t.decisionBy!, at: t.decisionAt }
      : null,
    placed: r.placed,
    doorzettingsmacht: settings.doorzettingsmacht,
    schools,
    allowed: { plan: tablePolicy.can(p, 'plan', resource), advise: tablePolicy.can(p, 'advise', resource), followUp, enforce: tablePolicy.can(p, 'enforce', resource) },
  };
}

/** Whether the reader may put this registration on the table now (the registration page's button). */
export async function mayPutOnTable(db: Db, p: Principal, partnershipId: string, r: Omit<TableResource, 'atTable' | 'adviceRecorded' | 'decisionRecorded' | 'doorzettingsmacht'>) {
  if (!tablePolicy.permits(p, 'putOnTable', { ...r, atTable: false, adviceRecorded: false, decisionRecorded: false, doorzettingsmacht: false })) return false;
  const settings = await loadZorgplichtSettings(db, partnershipId);
  return tablePolicy.can(p, 'putOnTable', { ...r, atTable: false, adviceRecorded: false, decisionRecorded: false, doorzettingsmacht: settings.doorzettingsmacht });
}

export async function getZorgplichtSettings(ctx: StaffContext): Promise<z.input<typeof ZorgplichtSettingsView>> {
  zorgplichtSettingsPolicy.authorize(ctx.principal, 'read', {});
  return { ...(await loadZorgplichtSettings(ctx.sql, ctx.scope.partnershipId)), allowed: { manage: zorgplichtSettingsPolicy.can(ctx.principal, 'manage', {}) } };
}

/** Sets the partnership's zorgplicht settings (doorzettingsmacht for the director), audited. */
export async function updateZorgplichtSettings(ctx: StaffContext, input: z.output<typeof ZorgplichtSettings>) {
  zorgplichtSettingsPolicy.authorize(ctx.principal, 'manage', {});
  return transaction(ctx.sql, async (tx) => {
    const pid = ctx.scope.partnershipId;
    await tx`update partnerships set settings = jsonb_set(settings, '{zorgplicht}', ${tx.json({ doorzettingsmacht: input.doorzettingsmacht })}) where id = ${pid}`;
    await audit(tx, ctx.actor, { action: 'zorgplicht_settings.update', entityType: 'partnership', entityId: pid, details: { doorzettingsmacht: input.doorzettingsmacht } });
    return { ok: true as const };
  });
}

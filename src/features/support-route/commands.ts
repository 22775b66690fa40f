import type { z } from 'zod';
import { transaction, type Tx } from '../../db/index.ts';
import { audit } from '../../platform/audit.ts';
import type { AuditAction } from '../../platform/audit-actions.ts';
import { fail, fieldError } from '../../platform/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { formatDateTime, today } from '../../platform/time.ts';
import { addHandelingsadvies, changeCaseManager, changeSupportLevel, pupilFor, type SupportLevel } from '../pupils/api.ts';
import { reveal } from '../../platform/access/reveal.ts';
import { agreementPolicy, supportRoutePolicy } from './policy.ts';
import { meetingFor, schoolOf, type MeetingRow } from './queries.ts';
import type { AgreementInput, DecisionInput, ItemInput, ItemPatch, MeetingInput, MeetingKindInput, MeetingKindPatch, MeetingPatch } from './schema.ts';

const auditMeeting = (tx: Tx, ctx: StaffContext, m: { id: string; schoolId: string }, action: AuditAction, extra: { pupilId?: string; details?: Record<string, unknown> } = {}) =>
  audit(tx, ctx.actor, { action, entityType: 'meeting', entityId: m.id, schoolId: m.schoolId, pupilId: extra.pupilId ?? null, details: extra.details });

// ---- Kinds of meeting ----

export async function createKind(ctx: StaffContext, schoolId: string, input: z.infer<typeof MeetingKindInput>) {
  const school = await schoolOf(ctx.sql, ctx, schoolId);
  supportRoutePolicy.authorize(ctx.principal, 'configure', school);
  return transaction(ctx.sql, async (tx) => {
    const [pos] = await tx<{ n: number }[]>`select coalesce(max(position), 0)::int + 10 as n from meeting_kinds where school_id = ${school.id}`;
    const [row] = await tx<{ id: string }[]>`
      insert into meeting_kinds (partnership_id, school_id, code, name, default_roles, rhythm, position)
      values (${ctx.scope.partnershipId}, ${school.id}, 'anders', ${input.name}, ${input.defaultRoles}, ${input.rhythm}, ${pos!.n}) returning id`;
    await audit(tx, ctx.actor, { action: 'meeting_kind.create', entityType: 'meeting_kind', entityId: row!.id, schoolId: school.id });
    return { id: row!.id };
  });
}

export async function updateKind(ctx: StaffContext, kindId: string, patch: z.infer<typeof MeetingKindPatch>) {
  return transaction(ctx.sql, async (tx) => {
    const [kind] = await tx<{ id: string; schoolId: string }[]>`
      select id, school_id as "schoolId" from meeting_kinds where id = ${kindId} and partnership_id = ${ctx.scope.partnershipId} for update`;
    if (!kind) fail('NOT_FOUND');
    supportRoutePolicy.authorize(ctx.principal, 'configure', kind!);
    await tx`update meeting_kinds set
      name = coalesce(${patch.name ?? null}, name),
      default_roles = coalesce(${patch.defaultRoles ?? null}::text[], default_roles),
      rhythm = coalesce(${patch.rhythm ?? null}, rhythm),
      position = coalesce(${patch.position ?? null}::int, position),
      active = coalesce(${patch.active ?? null}::boolean, active)
      where id = ${kind!.id}`;
    await audit(tx, ctx.actor, { action: 'meeting_kind.update', entityType: 'meeting_kind', entityId: kind!.id, schoolId: kind!.schoolId, details: { fields: Object.keys(patch) } });
    return { id: kind!.id };
  });
}

// ---- Meetings ----

/** Every id must be active staff with a role at the school. */
async function checkStaff(tx: Tx, schoolId: string, ids: string[], path: string) {
  if (ids.length === 0) return;
  const found = await tx<{ id: string }[]>`
    select distinct u.id from users u join role_assignments r on r.user_id = u.id
    where u.id = any(${ids}::uuid[]) and r.school_id = ${schoolId} and u.status = 'active'`;
  if (found.length !== new Set(ids).size) fieldError(path, 'Kies medewerkers van deze school.');
}

/** Meetings are planned up to two years ahead, or recorded up to a year after they were held. */
function checkStartsAt(d: Date) {
  const now = Date.now();
  const year = 365 * 24 * 3600 * 1000;
  if (d.getTime() < now - year || d.getTime() > now + 2 * year) fieldError('startsAt', 'Kies een datum binnen een jaar terug of twee jaar vooruit.');
}

export async function planMeeting(ctx: StaffContext, schoolId: string, input: z.infer<typeof MeetingInput>) {
  const school = await schoolOf(ctx.sql, ctx, schoolId);
  supportRoutePolicy.authorize(ctx.principal, 'planMeeting', school);
  checkStartsAt(input.startsAt);
  return transaction(ctx.sql, async (tx) => {
    const [kind] = await tx<{ id: string; defaultRoles: string[] }[]>`
      select id, default_roles as "defaultRoles" from meeting_kinds where id = ${input.kindId} and school_id = ${school.id} and active`;
    if (!kind) fieldError('kindId', 'Kies een soort overleg van deze school.');
    let attendees: string[];
    if (input.attendeeIds) {
      await checkStaff(tx, school.id, input.attendeeIds, 'attendeeIds');
      attendees = input.attendeeIds;
    } else {
      // Mentors come with their pupils (addItem); the other default roles are invited now, with the planner.
      const roles = kind!.defaultRoles.filter((r) => r !== 'mentor');
      const rows = await tx<{ id: string }[]>`
        select distinct u.id from users u join role_assignments r on r.user_id = u.id
        where r.school_id = ${school.id} and r.role = any(${roles}::text[]) and u.status = 'active'`;
      // The planner holds a support-team role at this school (policy), so is staff here.
      attendees = [...new Set([...rows.map((r) => r.id), ctx.principal.userId])];
    }
    const [m] = await tx<{ id: string }[]>`
      insert into meetings (partnership_id, school_id, kind_id, starts_at, location, created_by)
      values (${ctx.scope.partnershipId}, ${school.id}, ${kind!.id}, ${input.startsAt}, ${input.location}, ${ctx.principal.userId}) returning id`;
    if (attendees.length) {
      await tx`insert into meeting_attendees ${tx(attendees.map((u) => ({ partnership_id: ctx.scope.partnershipId, meeting_id: m!.id, user_id: u })))}`;
    }
    await auditMeeting(tx, ctx, { id: m!.id, schoolId: school.id }, 'meeting.plan', { details: { kindId: kind!.id, attendees: attendees.length } });
    return { id: m!.id };
  });
}

export async function updateMeeting(ctx: StaffContext, meetingId: string, patch: z.infer<typeof MeetingPatch>) {
  if (patch.startsAt) checkStartsAt(patch.startsAt);
  return transaction(ctx.sql, async (tx) => {
    const m = await meetingFor(tx, ctx, meetingId, 'manage', true);
    if (patch.attendeeIds) await checkStaff(tx, m.schoolId, patch.attendeeIds, 'attendeeIds');
    await tx`update meetings set
      starts_at = coalesce(${patch.startsAt ?? null}::timestamptz, starts_at),
      location = coalesce(${patch.location ?? null}, location),
      status = coalesce(${patch.status ?? null}, status)
      where id = ${m.id}`;
    if (patch.attendeeIds) {
      await tx`delete from meeting_attendees where meeting_id = ${m.id}`;
      if (patch.attendeeIds.length) {
        await tx`insert into meeting_attendees ${tx(patch.attendeeIds.map((u) => ({ partnership_id: ctx.scope.partnershipId, meeting_id: m.id, user_id: u })))}`;
      }
    }
    await auditMeeting(tx, ctx, m, 'meeting.update', { details: { fields: Object.keys(patch), status: patch.status } });
    return { id: m.id };
  });
}

// ---- The agenda ----

/**
 * Puts a pupil of the meeting's school on the agenda, optionally from an open
 * signal (which then is 'on_agenda'). A pupil the caller cannot see is 404,
 * like everywhere; one of another school is a field error.
 */
export async function addItem(ctx: StaffContext, meetingId: string, input: z.infer<typeof ItemInput>) {
  return transaction(ctx.sql, async (tx) => {
    const m = await meetingFor(tx, ctx, meetingId, 'manage', true);
    const pupil = await pupilFor(tx, ctx, input.pupilId, 'read');
    if (pupil.schoolId !== m.schoolId) fieldError('pupilId', 'Deze leerling zit niet op de school van dit overleg.');
    const [dup] = await tx`select 1 from meeting_items where meeting_id = ${m.id} and pupil_id = ${pupil.id}`;
    if (dup) fieldError('pupilId', 'Deze leerling staat al op de agenda.');
    if (input.signalId) {
      const [signal] = await tx<{ id: string }[]>`
        select id from signals where id = ${input.signalId} and partnership_id = ${ctx.scope.partnershipId} and school_id = ${m.schoolId}
          and pupil_id = ${pupil.id} and status = 'open' for update`;
      if (!signal) fieldError('signalId', 'Dit signaal staat niet (meer) open voor deze leerling.');
      await tx`update signals set status = 'on_agenda' where id = ${input.signalId}`;
    }
    const [item] = await tx<{ id: string }[]>`
      insert into meeting_items (partnership_id, meeting_id, pupil_id, signal_id, position)
      values (${ctx.scope.partnershipId}, ${m.id}, ${pupil.id}, ${input.signalId},
              (select coalesce(max(position), 0) + 1 from meeting_items where meeting_id = ${m.id}))
      returning id`;
    if (m.defaultRoles.includes('mentor') && pupil.classId) {
      await tx`insert into meeting_attendees (partnership_id, meeting_id, user_id)
        select ${ctx.scope.partnershipId}, ${m.id}, cs.user_id from class_staff cs join users u on u.id = cs.user_id
        where cs.class_id = ${pupil.classId} and cs.is_mentor and u.status = 'active'
        on conflict do nothing`;
    }
    await auditMeeting(tx, ctx, m, 'meeting.item_add', { pupilId: pupil.id, details: { itemId: item!.id, signalId: input.signalId } });
    return { id: item!.id };
  });
}

async function itemFor(tx: Tx, m: MeetingRow, itemId: string) {
  const [item] = await tx<{ id: string; pupilId: string; signalId: string | null }[]>`
    select id, pupil_id as "pupilId", signal_id as "signalId" from meeting_items where id = ${itemId} and meeting_id = ${m.id} for update`;
  if (!item) fail('NOT_FOUND');
  return item!;
}

export async function updateItem(ctx: StaffContext, meetingId: string, itemId: string, patch: z.infer<typeof ItemPatch>) {
  return transaction(ctx.sql, async (tx) => {
    const m = await meetingFor(tx, ctx, meetingId, 'manage');
    const item = await itemFor(tx, m, itemId);
    await pupilFor(tx, ctx, item.pupilId, 'read');
    await tx`update meeting_items set summary = ${patch.summary} where id = ${item.id}`;
    await auditMeeting(tx, ctx, m, 'meeting.item_summary', { pupilId: item.pupilId, details: { itemId: item.id } });
    return { id: item.id };
  });
}

/** Off the agenda while nothing was decided or agreed; its signal is open again. */
export async function removeItem(ctx: StaffContext, meetingId: string, itemId: string) {
  return transaction(ctx.sql, async (tx) => {
    const m = await meetingFor(tx, ctx, meetingId, 'manage');
    const item = await itemFor(tx, m, itemId);
    const [used] = await tx`select 1 from meeting_decisions where item_id = ${item.id} union all select 1 from agreements where meeting_item_id = ${item.id} limit 1`;
    if (used) fail('CONFLICT', 'Over deze leerling zijn al besluiten of afspraken vastgelegd; die blijven bewaard.');
    await tx`delete from meeting_items where id = ${item.id}`;
    if (item.signalId) await tx`update signals set status = 'open' where id = ${item.signalId} and status = 'on_agenda'`;
    await auditMeeting(tx, ctx, m, 'meeting.item_remove', { pupilId: item.pupilId, details: { itemId: item.id } });
    return { id: item.id };
  });
}

// ---- Decisions and agreements ----

/** The reason in the pupil's history: the meeting kind and its date. */
const reasonOf = (m: MeetingRow) => `Besluit ${m.kindName} van ${formatDateTime(m.startsAt)}`;

/**
 * Records a decision on a pupil on the agenda. Decisions that change the
 * pupil go through the pupils feature in this same transaction, so its
 * history, reason and audit rows commit (or fail) with the decision.
 */
export async function addDecision(ctx: StaffContext, meetingId: string, itemId: string, input: z.infer<typeof DecisionInput>) {
  return transaction(ctx.sql, async (tx) => {
    const m = await meetingFor(tx, ctx, meetingId, 'manage');
    if (m.status === 'cancelled') fail('CONFLICT', 'Dit overleg is geannuleerd.');
    const item = await itemFor(tx, m, itemId);
    const pupil = await pupilFor(tx, ctx, item.pupilId, 'manageSupport');
    if (input.kind === 'case_manager') await checkStaff(tx, m.schoolId, [input.value], 'value');
    const [d] = await tx<{ id: string }[]>`
      insert into meeting_decisions (partnership_id, item_id, pupil_id, kind, value, note, decided_by)
      values (${ctx.scope.partnershipId}, ${item.id}, ${pupil.id}, ${input.kind}, ${input.value}, ${input.note}, ${ctx.principal.userId}) returning id`;
    const reason = reasonOf(m);
    if (input.kind === 'support_level') await changeSupportLevel(tx, ctx, { pupil, level: input.value as SupportLevel, reason, meetingId: m.id });
    if (input.kind === 'case_manager') await changeCaseManager(tx, ctx, { pupil, userId: input.value, reason, meetingId: m.id });
    if (input.kind === 'handelingsadvies') await addHandelingsadvies(tx, ctx, { pupil, advice: input.value, source: 'meeting', sourceId: d!.id });
    await auditMeeting(tx, ctx, m, 'meeting.decision', { pupilId: pupil.id, details: { itemId: item.id, decisionId: d!.id, kind: input.kind } });
    return { id: d!.id };
  });
}

/** A SMART agreement: what, who (staff of the school), by when (not before the meeting). */
export async function addAgreement(ctx: StaffContext, meetingId: string, itemId: string, input: z.infer<typeof AgreementInput>) {
  return transaction(ctx.sql, async (tx) => {
    const m = await meetingFor(tx, ctx, meetingId, 'manage');
    if (m.status === 'cancelled') fail('CONFLICT', 'Dit overleg is geannuleerd.');
    const item = await itemFor(tx, m, itemId);
    const pupil = await pupilFor(tx, ctx, item.pupilId, 'read');
    await checkStaff(tx, m.schoolId, [input.ownerId], 'ownerId');
    if (input.dueOn < today(m.startsAt)) fieldError('dueOn', 'Kies een streefdatum op of na de dag van het overleg.');
    const [a] = await tx<{ id: string }[]>`
      insert into agreements (partnership_id, school_id, pupil_id, meeting_item_id, what, owner_id, due_on, created_by)
      values (${ctx.scope.partnershipId}, ${m.schoolId}, ${pupil.id}, ${item.id}, ${input.what}, ${input.ownerId}, ${input.dueOn}, ${ctx.principal.userId})
      returning id`;
    await audit(tx, ctx.actor, { action: 'agreement.create', entityType: 'agreement', entityId: a!.id, pupilId: pupil.id, schoolId: m.schoolId, details: { meetingId: m.id, ownerId: input.ownerId } });
    return { id: a!.id };
  });
}

/** Done by the owner or the school's OCO; marking a done agreement again changes nothing. */
export async function markAgreementDone(ctx: StaffContext, agreementId: string) {
  return transaction(ctx.sql, async (tx) => {
    const [row] = await tx<{ id: string; schoolId: string; ownerId: string; pupilId: string | null; doneAt: Date | null }[]>`
      select id, school_id as "schoolId", owner_id as "ownerId", pupil_id as "pupilId", done_at as "doneAt"
      from agreements where id = ${agreementId} and partnership_id = ${ctx.scope.partnershipId} for update`;
    const a = reveal(ctx.principal, agreementPolicy, 'markDone', { id: agreementId, row });
    if (a.doneAt === null) {
      await tx`update agreements set done_at = now() where id = ${a.id}`;
      await audit(tx, ctx.actor, { action: 'agreement.done', entityType: 'agreement', entityId: a.id, pupilId: a.pupilId, schoolId: a.schoolId });
    } else {
      // Still a touch of pupil data: the caller learns it was done.
      await audit(tx, ctx.actor, { action: 'agreement.done_again', entityType: 'agreement', entityId: a.id, pupilId: a.pupilId, schoolId: a.schoolId });
    }
    return { id: a.id };
  });
}

import type { z } from 'zod';
import { transaction, type Db } from '../../db/index.ts';
import { fail, fieldError } from '../../platform/errors.ts';
import { today } from '../../platform/time.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { likeTerm } from '../../platform/http/schemas.ts';
import { schoolsWithRole } from '../../platform/access/principal.ts';
import { PUPIL_NAME } from '../pupils/api.ts';
import { logMeldcode } from './log.ts';
import { meldcodePolicy, type MeldcodeResource } from './policy.ts';
import type { CloseInput, EntryInput, FileView, MembersInput } from './schema.ts';

type Action = 'read' | 'record' | 'manageMembers' | 'close';
interface FileRow extends MeldcodeResource {
  id: string;
  schoolId: string;
}

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

async function loadFile(db: Db, id: string, lock = false): Promise<FileRow | undefined> {
  const [row] = await db<{ id: string; schoolId: string; closed: boolean; memberIds: string[] }[]>`
    select m.id, m.school_id as "schoolId", m.closed_on is not null as closed,
      coalesce((select array_agg(mm.user_id) from meldcode_members mm where mm.file_id = m.id and mm.removed_at is null), '{}') as "memberIds"
    from meldcode_files m where m.id = ${id} ${lock ? db`for update` : db``}`;
  return row;
}

/**
 * A file the reader may act on, or a refusal that lands in the meldcode's
 * trail: 404 to whoever may not read it (its existence is the secret), 403 to
 * a reader for whom the action is not theirs, 409 when the file is closed.
 * The refusal is logged before the transaction starts, so it stays when the
 * request fails.
 */
async function reachable(ctx: StaffContext, id: string, action: Action): Promise<void> {
  const file = await loadFile(ctx.sql, id);
  const p = ctx.principal;
  if (file && meldcodePolicy.permits(p, action, file) && (action === 'read' || meldcodePolicy.permits(p, 'read', file))) return;
  const visible = file !== undefined && meldcodePolicy.permits(p, 'read', file);
  await logMeldcode(ctx.sql, ctx.principal, visible ? (`meldcode.${snake(action)}_refused` as 'meldcode.record_refused') : 'meldcode.read_refused', { fileId: id, schoolId: visible ? file.schoolId : null });
  fail(visible ? 'FORBIDDEN' : 'NOT_FOUND');
}

/** Runs a change to a file in one transaction, after the reader's right to it is settled; the status rule is asked on the locked row. */
async function inFile<T>(ctx: StaffContext, id: string, action: Exclude<Action, 'read'>, work: (tx: Db, file: FileRow) => Promise<T>): Promise<T> {
  await reachable(ctx, id, action);
  return transaction(ctx.sql, async (tx) => {
    const file = (await loadFile(tx, id, true)) ?? fail('NOT_FOUND');
    meldcodePolicy.authorize(ctx.principal, action, file);
    return work(tx, file);
  });
}

/** The files the reader keeps or was added to; the schools where they may open one. */
export async function listFiles(ctx: StaffContext) {
  return transaction(ctx.sql, async (tx) => {
    const files = await tx<z.infer<typeof FileView>[]>`
      select m.id, json_build_object('id', p.id, 'name', ${tx.unsafe(PUPIL_NAME)}) as pupil, json_build_object('id', s.id, 'name', s.name) as school,
        m.opened_at as "openedAt", last.step as "lastStep", last.happened_on::text as "lastEntryOn", m.closed_on::text as "closedOn", m.outcome
      from meldcode_files m join pupils p on p.id = m.pupil_id join schools s on s.id = m.school_id
      left join lateral (select e.step, e.happened_on from meldcode_entries e where e.file_id = m.id order by e.happened_on desc, e.recorded_at desc limit 1) last on true
      where ${meldcodePolicy.scope(tx, ctx.principal, 'read')}
      order by m.closed_on is not null, m.opened_at desc`;
    const schoolIds = schoolsWithRole(ctx.principal, 'aandachtsfunctionaris');
    const canOpenAt = await tx<{ id: string; name: string }[]>`select id, name from schools where id = any(${schoolIds}::uuid[]) order by name`;
    await logMeldcode(tx, ctx.principal, 'meldcode.list', { details: { fileIds: files.map((f) => f.id) } });
    return { files, canOpenAt };
  });
}

/** Pupils of a school where the reader is aandachtsfunctionaris, by name or pupil number: to open a file for one. */
export async function searchPupils(ctx: StaffContext, schoolId: string, q: string) {
  if (!meldcodePolicy.can(ctx.principal, 'open', { schoolId, memberIds: [], closed: false })) {
    await logMeldcode(ctx.sql, ctx.principal, 'meldcode.open_refused', { schoolId });
    fail('FORBIDDEN');
  }
  return transaction(ctx.sql, async (tx) => {
    const term = likeTerm(q);
    const pupils = await tx<{ id: string; name: string; studentNumber: string; birthDate: string }[]>`
      select p.id, ${tx.unsafe(PUPIL_NAME)} as name, p.student_number as "studentNumber", p.birth_date::text as "birthDate"
      from pupils p
      where p.school_id = ${schoolId} and (lower(${tx.unsafe(PUPIL_NAME)}) like ${term} or p.student_number = ${q})
      order by p.last_name, p.first_name limit 20`;
    await logMeldcode(tx, ctx.principal, 'meldcode.pupil_search', { schoolId, details: { pupilIds: pupils.map((p) => p.id) } });
    return { pupils };
  });
}

/** The aandachtsfunctionaris opens a file for a pupil of their school; they keep it (the role), so they are not added as a member. */
export async function openFile(ctx: StaffContext, pupilId: string) {
  const [pupil] = await ctx.sql<{ schoolId: string }[]>`select school_id as "schoolId" from pupils where id = ${pupilId}`;
  if (!pupil || !meldcodePolicy.can(ctx.principal, 'open', { schoolId: pupil.schoolId, memberIds: [], closed: false })) {
    await logMeldcode(ctx.sql, ctx.principal, 'meldcode.open_refused', { schoolId: pupil?.schoolId ?? null });
    fieldError('pupilId', 'Kies een leerling van een school waar u aandachtsfunctionaris bent.');
  }
  return transaction(ctx.sql, async (tx) => {
    const [row] = await tx<{ id: string }[]>`
      insert into meldcode_files (partnership_id, school_id, pupil_id, opened_by)
      values (${ctx.scope.partnershipId}, ${pupil!.schoolId}, ${pupilId}, ${ctx.principal.userId}) returning id`;
    await logMeldcode(tx, ctx.principal, 'meldcode.open', { fileId: row!.id, schoolId: pupil!.schoolId });
    return { id: row!.id };
  });
}

/** The whole file: its steps in order, who keeps it and who was added, and the colleagues who could be added. */
export async function getFile(ctx: StaffContext, id: string): Promise<z.infer<typeof FileView>> {
  await reachable(ctx, id, 'read');
  return transaction(ctx.sql, async (tx) => {
    const file = (await loadFile(tx, id)) ?? fail('NOT_FOUND');
    const [head] = await tx<Omit<z.infer<typeof FileView>, 'entries' | 'officers' | 'members' | 'colleagues' | 'allowed' | 'lastStep' | 'lastEntryOn'>[]>`
      select m.id, json_build_object('id', p.id, 'name', ${tx.unsafe(PUPIL_NAME)}) as pupil, json_build_object('id', s.id, 'name', s.name) as school,
        m.opened_at as "openedAt", json_build_object('id', u.id, 'name', u.name) as "openedBy",
        m.closed_on::text as "closedOn", m.outcome, m.outcome_note as "outcomeNote"
      from meldcode_files m join pupils p on p.id = m.pupil_id join schools s on s.id = m.school_id join users u on u.id = m.opened_by
      where m.id = ${id}`;
    const entries = await tx<z.infer<typeof FileView>['entries']>`
      select e.id, e.step, e.happened_on::text as "happenedOn", e.notes, json_build_object('id', u.id, 'name', u.name) as "recordedBy", e.recorded_at as "recordedAt"
      from meldcode_entries e join users u on u.id = e.recorded_by where e.file_id = ${id} order by e.happened_on, e.recorded_at`;
    const officers = await tx<{ id: string; name: string }[]>`
      select distinct u.id, u.name from role_assignments r join users u on u.id = r.user_id
      where r.role = 'aandachtsfunctionaris' and r.school_id = ${file.schoolId} and u.status = 'active' order by u.name`;
    const members = await tx<{ id: string; name: string; addedAt: Date }[]>`
      select u.id, u.name, mm.added_at as "addedAt" from meldcode_members mm join users u on u.id = mm.user_id
      where mm.file_id = ${id} and mm.removed_at is null order by u.name`;
    const allowed = {
      record: meldcodePolicy.can(ctx.principal, 'record', file),
      manageMembers: meldcodePolicy.can(ctx.principal, 'manageMembers', file),
      close: meldcodePolicy.can(ctx.principal, 'close', file),
    };
    const colleagues = allowed.manageMembers
      ? await tx<{ id: string; name: string }[]>`
          select distinct u.id, u.name from role_assignments r join users u on u.id = r.user_id
          where r.school_id = ${file.schoolId} and u.status = 'active' and u.id <> ${ctx.principal.userId} order by u.name`
      : [];
    await logMeldcode(tx, ctx.principal, 'meldcode.read', { fileId: id, schoolId: file.schoolId });
    // The entries come in the order they happened: the last is where the file stands.
    const last = entries.at(-1);
    return { ...head!, lastStep: last?.step ?? null, lastEntryOn: last?.happenedOn ?? null, entries, officers, members, colleagues, allowed };
  });
}

/** A step taken: its date and what happened, appended to the file. */
export function recordEntry(ctx: StaffContext, id: string, input: z.infer<typeof EntryInput>) {
  return inFile(ctx, id, 'record', async (tx, file) => {
    if (input.happenedOn > today()) fieldError('happenedOn', 'Leg vast wat er al gebeurd is: de datum ligt in de toekomst.');
    const [row] = await tx<{ id: string }[]>`
      insert into meldcode_entries (partnership_id, file_id, step, happened_on, notes, recorded_by)
      values (${ctx.scope.partnershipId}, ${id}, ${input.step}, ${input.happenedOn}, ${input.notes}, ${ctx.principal.userId}) returning id`;
    await logMeldcode(tx, ctx.principal, 'meldcode.record', { fileId: id, schoolId: file.schoolId, details: { step: input.step } });
    return { id: row!.id };
  });
}

/** The colleagues who see the file besides the aandachtsfunctionaris: staff of the pupil's school; one removed keeps their row, as removed. */
export function setMembers(ctx: StaffContext, id: string, input: z.infer<typeof MembersInput>) {
  return inFile(ctx, id, 'manageMembers', async (tx, file) => {
    const wanted = [...new Set(input.userIds)];
    const staff = await tx<{ id: string }[]>`
      select distinct u.id from role_assignments r join users u on u.id = r.user_id
      where u.id = any(${wanted}::uuid[]) and r.school_id = ${file.schoolId} and u.status = 'active'`;
    if (staff.length !== wanted.length) fieldError('userIds', 'Voeg alleen actieve collega’s van de school van deze leerling toe.');
    const removed = await tx<{ userId: string }[]>`
      update meldcode_members set removed_at = now(), removed_by = ${ctx.principal.userId}
      where file_id = ${id} and removed_at is null and not (user_id = any(${wanted}::uuid[])) returning user_id as "userId"`;
    const added = await tx<{ userId: string }[]>`
      insert into meldcode_members (partnership_id, file_id, user_id, added_by)
      select ${ctx.scope.partnershipId}, ${id}, x, ${ctx.principal.userId} from unnest(${wanted}::uuid[]) x
      on conflict (file_id, user_id) where removed_at is null do nothing returning user_id as "userId"`;
    await logMeldcode(tx, ctx.principal, 'meldcode.members', { fileId: id, schoolId: file.schoolId, details: { added: added.map((a) => a.userId), removed: removed.map((r) => r.userId) } });
    return { added: added.length, removed: removed.length };
  });
}

/** Step 5 decided: the file closes with its outcome; closed, it takes no more steps. */
export function closeFile(ctx: StaffContext, id: string, input: z.infer<typeof CloseInput>) {
  return inFile(ctx, id, 'close', async (tx, file) => {
    const [opened] = await tx<{ at: Date }[]>`select opened_at as at from meldcode_files where id = ${id}`;
    if (input.closedOn > today()) fieldError('closedOn', 'Een dossier sluit vandaag of op een dag die al geweest is.');
    if (input.closedOn < today(opened!.at)) fieldError('closedOn', 'Het dossier kan niet sluiten vóór de dag dat het werd geopend.');
    await tx`update meldcode_files set outcome = ${input.outcome}, outcome_note = ${input.note}, closed_on = ${input.closedOn}, closed_by = ${ctx.principal.userId} where id = ${id}`;
    await logMeldcode(tx, ctx.principal, 'meldcode.close', { fileId: id, schoolId: file.schoolId, details: { outcome: input.outcome } });
    return { ok: true as const };
  });
}


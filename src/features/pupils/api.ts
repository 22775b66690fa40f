/**
 * The pupils feature's public server API, for other features (meetings,
 * imports, plans, requests). Everything here runs inside the caller's
 * transaction and writes its own audit rows.
 */
import type { Db, Tx } from '../../db/index.ts';
import { audit } from '../../platform/audit.ts';
import { reveal } from '../../platform/access/reveal.ts';
import { fieldError } from '../../platform/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { pupilPolicy, type PupilResource } from './policy.ts';

export { MEDICAL_CLOSED } from './schema.ts';
export { CONFIDENTIAL_STAYS, documentPolicy, pupilPolicy, readsConfidential, SUPPORT_TEAM_ROLES, WHOLE_SCHOOL_ROLES, type PupilResource } from './policy.ts';
export { PUPIL_INITIALS, PUPIL_NAME } from './names.ts';
export { parentRecipients } from './contacts.ts';

export const supportLevels = ['basis', 'basisplus', 'extra'] as const;
export type SupportLevel = (typeof supportLevels)[number];

export interface PupilRef extends PupilResource {
  id: string;
  schoolId: string;
}

/**
 * The pupil as the policy sees it (school and current class), after the
 * action check. Unknown, another tenant's, or not visible to the caller: 404,
 * since a pupil's existence at a school is itself pupil data. Visible but
 * the action is not the caller's: 403.
 */
export async function pupilFor(db: Db, ctx: StaffContext, pupilId: string, action: Parameters<typeof pupilPolicy.can>[1]): Promise<PupilRef> {
  const [row] = await db<PupilRef[]>`
    select p.id, p.school_id as "schoolId", e.class_id as "classId"
    from pupils p left join enrolments e on e.pupil_id = p.id and e.end_date is null
    where p.id = ${pupilId} and p.partnership_id = ${ctx.scope.partnershipId}`;
  return reveal(ctx.principal, pupilPolicy, action, { id: pupilId, row, pupilId: row?.id ?? null });
}

/** Support level basis → basisplus → extra (extra needs an OPP), kept with history and reason. */
export async function changeSupportLevel(tx: Tx, ctx: StaffContext, o: { pupil: PupilRef; level: SupportLevel; reason: string; meetingId?: string | null }) {
  pupilPolicy.authorize(ctx.principal, 'manageSupport', o.pupil);
  const [cur] = await tx<{ level: string }[]>`select support_level as level from pupils where id = ${o.pupil.id} for update`;
  if (cur!.level === o.level) return;
  await tx`update pupils set support_level = ${o.level} where id = ${o.pupil.id}`;
  await tx`insert into pupil_status_history (partnership_id, pupil_id, field, old_value, new_value, reason, meeting_id, changed_by)
           values (${ctx.scope.partnershipId}, ${o.pupil.id}, 'support_level', ${cur!.level}, ${o.level}, ${o.reason}, ${o.meetingId ?? null}, ${ctx.principal.userId})`;
  await audit(tx, ctx.actor, { action: 'pupil.support_level', entityType: 'pupil', entityId: o.pupil.id, pupilId: o.pupil.id, schoolId: o.pupil.schoolId, details: { from: cur!.level, to: o.level } });
}

/** One named case manager per pupil: staff with a role at the pupil's school. */
export async function changeCaseManager(tx: Tx, ctx: StaffContext, o: { pupil: PupilRef; userId: string | null; reason: string; meetingId?: string | null }) {
  pupilPolicy.authorize(ctx.principal, 'manageSupport', o.pupil);
  if (o.userId) {
    const [staff] = await tx`select 1 from role_assignments r join users u on u.id = r.user_id
      where r.user_id = ${o.userId} and r.school_id = ${o.pupil.schoolId} and u.status = 'active'`;
    if (!staff) fieldError('caseManagerId', 'Kies een actieve medewerker van deze school als casemanager.');
  }
  const [cur] = await tx<{ id: string | null }[]>`select case_manager_id as id from pupils where id = ${o.pupil.id} for update`;
  if (cur!.id === o.userId) return;
  await tx`update pupils set case_manager_id = ${o.userId} where id = ${o.pupil.id}`;
  await tx`insert into pupil_status_history (partnership_id, pupil_id, field, old_value, new_value, reason, meeting_id, changed_by)
           values (${ctx.scope.partnershipId}, ${o.pupil.id}, 'case_manager', ${cur!.id}, ${o.userId}, ${o.reason}, ${o.meetingId ?? null}, ${ctx.principal.userId})`;
  await audit(tx, ctx.actor, { action: 'pupil.case_manager', entityType: 'pupil', entityId: o.pupil.id, pupilId: o.pupil.id, schoolId: o.pupil.schoolId, details: { to: o.userId } });
}

/** A handelingsadvies teachers must follow; shows in the klassenscan until ended. */
export async function addHandelingsadvies(tx: Tx, ctx: StaffContext, o: { pupil: PupilRef; advice: string; source: 'logbook' | 'meeting' | 'opp' | 'manual'; sourceId?: string | null }) {
  pupilPolicy.authorize(ctx.principal, 'manageSupport', o.pupil);
  const [row] = await tx<{ id: string }[]>`
    insert into handelingsadviezen (partnership_id, school_id, pupil_id, advice, source, source_id, created_by)
    values (${ctx.scope.partnershipId}, ${o.pupil.schoolId}, ${o.pupil.id}, ${o.advice}, ${o.source}, ${o.sourceId ?? null}, ${ctx.principal.userId})
    returning id`;
  await audit(tx, ctx.actor, { action: 'pupil.advice_add', entityType: 'handelingsadvies', entityId: row!.id, pupilId: o.pupil.id, schoolId: o.pupil.schoolId });
  return { id: row!.id };
}

import { transaction, type Db } from '../../db/index.ts';
import { csvExport } from '../../platform/csv.ts';
import { isoLocal } from '../../platform/time.ts';
import { meldcodePolicy } from './policy.ts';
import type { Principal } from '../../platform/access/principal.ts';
import type { StaffContext } from '../../platform/http/context.ts';

/** What the meldcode's trail records, and how the privacy officer's export says it. */
export const logLabels = {
  'meldcode.list': 'bekeek de lijst met meldcodedossiers',
  'meldcode.pupil_search': 'zocht een leerling voor een meldcodedossier',
  'meldcode.open': 'opende een meldcodedossier',
  'meldcode.read': 'bekeek een meldcodedossier',
  'meldcode.record': 'legde een stap van de meldcode vast',
  'meldcode.members': 'wijzigde wie het meldcodedossier ziet',
  'meldcode.close': 'sloot een meldcodedossier',
  'meldcode.read_refused': 'vroeg een meldcodedossier op dat niet voor hem of haar is',
  'meldcode.open_refused': 'probeerde een meldcodedossier te openen zonder aandachtsfunctionaris te zijn',
  'meldcode.record_refused': 'probeerde een stap vast te leggen zonder toegang',
  'meldcode.manage_members_refused': 'probeerde collega’s toe te voegen zonder aandachtsfunctionaris te zijn',
  'meldcode.close_refused': 'probeerde een meldcodedossier te sluiten zonder aandachtsfunctionaris te zijn',
  'meldcode.log_export': 'exporteerde het logboek van de meldcode',
} as const;
export type LogAction = keyof typeof logLabels;

/**
 * One row in the meldcode's own trail: ids only, never names or notes. It is
 * not the audit log: parents' and the privacy officer's views of that log
 * must not show that a meldcode file exists.
 */
export async function logMeldcode(db: Db, p: Principal, action: LogAction, at: { fileId?: string | null; schoolId?: string | null; details?: Record<string, unknown> } = {}) {
  await db`
    insert into meldcode_log (partnership_id, actor_user_id, action, file_id, school_id, details)
    values (${p.scope.partnershipId}, ${p.userId}, ${action}, ${at.fileId ?? null}, ${at.schoolId ?? null}, ${db.json((at.details ?? {}) as never)})`;
}

/**
 * The trail for the privacy officer, apart from the audit log: when, who, what
 * (in words), which file and school. No pupil names and no contents: the
 * privacy officer answers for the processing, not for the suspicion.
 */
export async function exportLog(ctx: StaffContext) {
  meldcodePolicy.authorize(ctx.principal, 'exportLog', { schoolId: null, memberIds: [], closed: false });
  return transaction(ctx.sql, async (tx) => {
    const rows = await tx<{ at: Date; action: LogAction; actor: string; email: string; fileId: string | null; school: string | null; details: unknown }[]>`
      select l.at, l.action, u.name as actor, u.email, l.file_id as "fileId", s.name as school, l.details
      from meldcode_log l join users u on u.id = l.actor_user_id left join schools s on s.id = l.school_id
      order by l.at, l.id limit 100000`;
    await logMeldcode(tx, ctx.principal, 'meldcode.log_export', { details: { rows: rows.length } });
    return csvExport(
      ['tijdstip', 'wat er gebeurde', 'actie', 'medewerker', 'e-mail', 'dossier', 'school', 'details'],
      rows.map((r) => [isoLocal(r.at), logLabels[r.action] ?? r.action, r.action, r.actor, r.email, r.fileId ?? '', r.school ?? '', JSON.stringify(r.details)]),
    );
  });
}

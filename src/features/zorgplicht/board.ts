import type { z } from 'zod';
import { transaction } from '../../db/index.ts';
import { auditMany } from '../../platform/audit.ts';
import { clockOf, DECISION_WEEKS } from '../../platform/calendar/zorgplicht-clock.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { today } from '../../platform/time.ts';
import { registrationPolicy, zorgplichtPolicy } from './policy.ts';
import { CHILD_NAME, PAGE_SIZE, type LoadedRegistration } from './registrations.ts';
import { PLACED_SQL } from './table.ts';
import type { Board, BoardQuery, Outcome } from './schema.ts';

/** "Passed from school to school": the same child registered at another school within this many days (seed 004 §6.1: 'doorschuiven'). */
export const SECOND_SCHOOL_DAYS = 365;

/**
 * The partnership's zorgplicht board: every registration with a suspected
 * support need (the others are the school's own), its school, clock and
 * status; flagged without anyone asking when it is open past the 6 weeks
 * (stuck) or when the same child was registered at another school within the
 * year (passed on: seed 004 §6.1, schools that send parents on to "a school
 * better equipped"). The same child: the same pupil, or the same name and
 * birth date. Every registration shown is audited.
 */
export async function readBoard(ctx: StaffContext, q: z.infer<typeof BoardQuery>, now = new Date()): Promise<z.input<typeof Board>> {
  zorgplichtPolicy.authorize(ctx.principal, 'board', {});
  const day = today(now);
  return transaction(ctx.sql, async (tx) => {
    const decideBy = tx`coalesce(z.extended_to, z.received_on + ${DECISION_WEEKS * 7}::int)`;
    const stuck = tx`(z.status = 'open' and z.received_on + ${DECISION_WEEKS * 7}::int < ${day}::date)`;
    const second = tx`exists (select 1 from zorgplicht_registrations o
      where o.partnership_id = z.partnership_id and o.id <> z.id and o.school_id <> z.school_id
        and abs(o.received_on - z.received_on) <= ${SECOND_SCHOOL_DAYS}
        and (o.pupil_id = z.pupil_id or (o.birth_date = z.birth_date and lower(o.last_name) = lower(z.last_name) and lower(o.first_name) = lower(z.first_name))))`;
    // At the placement table and not yet placed (the table follows the case until the pupil has a place).
    const atTable = tx`(exists (select 1 from zorgplicht_table_cases t where t.registration_id = z.id) and not ${tx.unsafe(PLACED_SQL)})`;
    const where = tx`
      z.partnership_id = ${ctx.scope.partnershipId} and z.support_suspected and ${registrationPolicy.scope(tx, ctx.principal, 'read')}
      ${q.show === 'open' ? tx`and z.status = 'open'` : q.show === 'closed' ? tx`and z.status <> 'open'` : tx``}
      ${q.schoolId ? tx`and z.school_id = ${q.schoolId}` : tx``}
      ${q.overdue === 'true' ? tx`and z.status = 'open' and ${decideBy} < ${day}::date` : tx``}
      ${q.flagged === 'true' ? tx`and (${stuck} or ${second} or ${atTable})` : tx``}
      ${q.table === 'true' ? tx`and ${atTable}` : tx``}`;
    const rows = await tx<(LoadedRegistration & { pupilName: string; birthDate: string; schoolName: string; outcome: Outcome | null; stuck: boolean; secondSchool: boolean; openPlacements: number; atTable: boolean; advice: boolean; actionsOverdue: number; enforced: boolean })[]>`
      select z.id, z.school_id as "schoolId", s.name as "schoolName", z.pupil_id as "pupilId", ${tx.unsafe(CHILD_NAME)} as "pupilName", z.birth_date::text as "birthDate",
        z.support_suspected as "supportSuspected", z.status, z.outcome, z.received_on::text as "receivedOn", z.extended_to::text as "extendedTo", z.decided_on::text as "decidedOn",
        ${stuck} as stuck, ${second} as "secondSchool",
        (select count(*)::int from zorgplicht_placement_requests q where q.registration_id = z.id and q.status = 'asked') as "openPlacements",
        ${atTable} as "atTable", t.advice_at is not null as advice, t.decision_at is not null as enforced,
        (select count(*)::int from zorgplicht_table_actions a where a.case_id = t.id and a.done_at is null and a.due_on < ${day}::date) as "actionsOverdue"
      from zorgplicht_registrations z join schools s on s.id = z.school_id left join zorgplicht_table_cases t on t.registration_id = z.id
      where ${where}
      order by (z.status <> 'open'), ${stuck} desc, ${decideBy}, z.id
      limit ${PAGE_SIZE} offset ${(q.page - 1) * PAGE_SIZE}`;
    const [c] = await tx<{ total: number; open: number; overdue: number; stuck: number; secondSchool: number; atTable: number }[]>`
      select count(*)::int as total, count(*) filter (where z.status = 'open')::int as open,
        count(*) filter (where z.status = 'open' and ${decideBy} < ${day}::date)::int as overdue,
        count(*) filter (where ${stuck})::int as stuck, count(*) filter (where z.status = 'open' and ${second})::int as "secondSchool",
        count(*) filter (where ${atTable})::int as "atTable"
      from zorgplicht_registrations z where ${where}`;
    await auditMany(tx, ctx.actor, rows.map((r) => ({ action: 'zorgplicht.board', entityType: 'zorgplicht_registration', entityId: r.id, pupilId: r.pupilId, schoolId: r.schoolId })));
    return {
      total: c!.total,
      page: q.page,
      pageSize: PAGE_SIZE,
      today: day,
      rows: rows.map((r) => ({
        id: r.id,
        pupilName: r.pupilName,
        birthDate: r.birthDate,
        school: { id: r.schoolId!, name: r.schoolName },
        status: r.status,
        outcome: r.outcome,
        supportSuspected: r.supportSuspected,
        clock: clockOf(r, day),
        stuck: r.stuck,
        secondSchool: r.secondSchool,
        openPlacements: r.openPlacements,
        atTable: r.atTable,
        advice: r.advice,
        actionsOverdue: r.actionsOverdue,
        enforced: r.enforced,
      })),
      counts: { open: c!.open, overdue: c!.overdue, stuck: c!.stuck, secondSchool: c!.secondSchool, atTable: c!.atTable },
    };
  });
}

import type { z } from 'zod';
import { transaction } from '../../db/index.ts';
import { audit, auditMany } from '../../platform/audit.ts';
import { fail } from '../../platform/errors.ts';
import { reveal } from '../../platform/access/reveal.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { readsConfidential, signalPolicy } from './policy.ts';
import { PUPIL_NAME } from './names.ts';
import type { Signal } from './schema.ts';

export async function listSignals(ctx: StaffContext, schoolId: string, status: 'open' | 'on_agenda' | 'closed' | 'all') {
  const [school] = await ctx.sql`select 1 from schools where id = ${schoolId} and partnership_id = ${ctx.scope.partnershipId}`;
  if (!school) fail('NOT_FOUND');
  signalPolicy.authorize(ctx.principal, 'list', { schoolId });
  return transaction(ctx.sql, async (tx) => {
    const rows = await tx<(z.infer<typeof Signal> & { confidential: boolean })[]>`
      select g.id, json_build_object('id', p.id, 'name', ${tx.unsafe(PUPIL_NAME)}) as pupil, c.name as "className", g.note,
        case when l.id is null then null else json_build_object('kind', l.kind, 'occurredOn', l.occurred_on,
          'body', case when l.confidential and not ${readsConfidential(ctx.principal, { schoolId })} then null else l.body end) end as entry,
        json_build_object('id', u.id, 'name', u.name) as "raisedBy", g.status, g.created_at as "createdAt"
      from signals g join pupils p on p.id = g.pupil_id join users u on u.id = g.raised_by
      left join logbook_entries l on l.id = g.logbook_entry_id
      left join enrolments e on e.pupil_id = p.id and e.end_date is null left join classes c on c.id = e.class_id
      where g.school_id = ${schoolId} and (${status} = 'all' or g.status = ${status})
      order by g.created_at desc limit 500`;
    await auditMany(tx, ctx.actor, rows.map((r) => ({ action: 'signal.list', entityType: 'signal', entityId: r.id, pupilId: r.pupil.id, schoolId })));
    return rows;
  });
}

export async function closeSignal(ctx: StaffContext, signalId: string) {
  return transaction(ctx.sql, async (tx) => {
    const [row] = await tx<{ schoolId: string; pupilId: string }[]>`
      select school_id as "schoolId", pupil_id as "pupilId" from signals where id = ${signalId} and partnership_id = ${ctx.scope.partnershipId} for update`;
    const s = reveal(ctx.principal, signalPolicy, 'close', { id: signalId, row });
    await tx`update signals set status = 'closed', closed_at = now() where id = ${signalId}`;
    await audit(tx, ctx.actor, { action: 'signal.close', entityType: 'signal', entityId: signalId, pupilId: s.pupilId, schoolId: s.schoolId });
    return { id: signalId };
  });
}

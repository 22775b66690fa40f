import type { Tx } from '../../db/index.ts';
import { fail } from '../../platform/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import type { DecisionInput } from '../requests/schema.ts';

/** The next TLV number of the partnership: numbers run on, without gaps, under a lock on the partnership. */
export async function issueTlv(tx: Tx, ctx: StaffContext, r: { id: string; pupilId: string | null; schoolId: string }, d: DecisionInput) {
  if (!r.pupilId) fail('CONFLICT', 'Een TLV is voor één leerling.');
  await tx`select 1 from partnerships where id = ${ctx.scope.partnershipId} for update`;
  const [next] = await tx<{ n: number }[]>`select coalesce(max(number), 0) + 1 as n from tlvs where partnership_id = ${ctx.scope.partnershipId}`;
  await tx`
    insert into tlvs (partnership_id, request_id, pupil_id, school_id, number, school_kind, category, cluster, starts_on, ends_on)
    values (${ctx.scope.partnershipId}, ${r.id}, ${r.pupilId}, ${r.schoolId}, ${next!.n}, ${d.schoolKind!}, ${d.category}, ${d.cluster}, ${d.startsOn!}, ${d.endsOn!})`;
  return next!.n;
}

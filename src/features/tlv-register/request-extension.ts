import { transaction } from '../../db/index.ts';
import { reveal } from '../../platform/access/reveal.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { draftFollowUp } from '../requests/api.ts';
import { tlvPolicy } from './policy.ts';
import { today } from '../../platform/time.ts';
import { GRANTED_EXTENSION, OPEN_EXTENSION } from './read-register.ts';

/**
 * A draft request to extend a TLV: same pupil, at the school the pupil
 * attends now, same school kind, its texts copied from the request that led
 * to the TLV (the question starts with "Verlenging van TLV nr. N"), and the
 * attachments of that request that are still in the dossier (as references:
 * their content is copied again at submission, under new consent). One open
 * extension per TLV.
 */
export async function requestExtension(ctx: StaffContext, tlvId: string): Promise<{ id: string }> {
  return transaction(ctx.sql, async (tx) => {
    const [row] = await tx<{ id: string; number: number; requestId: string; pupilId: string; schoolId: string; endsOn: string; extension: 'open' | 'granted' | null }[]>`
      select t.id, t.number, t.request_id as "requestId", p.id as "pupilId", p.school_id as "schoolId", t.ends_on as "endsOn",
        case when ${tx.unsafe(OPEN_EXTENSION)} then 'open' when ${tx.unsafe(GRANTED_EXTENSION)} then 'granted' end as extension
      from tlvs t join pupils p on p.id = t.pupil_id
      where t.id = ${tlvId} and t.partnership_id = ${ctx.scope.partnershipId}
      for update of t`;
    // Not now (409, with what to do) when an extension is on its way or granted, or the TLV does not end within the window.
    const t = reveal(ctx.principal, tlvPolicy, 'extend', { id: tlvId, row: row && { ...row, today: today() } });
    return draftFollowUp(tx, ctx, t.requestId, { schoolId: t.schoolId, firstLine: `Verlenging van TLV nr. ${t.number}`, audit: { tlvId: t.id } });
  });
}

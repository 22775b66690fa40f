import type { z } from 'zod';
import type { StaffContext } from '../../../platform/http/context.ts';
import type { ArrangementKindOffer } from '../schema.ts';

/** The arrangement kinds a school may ask for now (the active ones), with what each offers and requires. */
export async function listOfferedArrangementKinds(ctx: StaffContext) {
  return ctx.sql<z.infer<typeof ArrangementKindOffer>[]>`
    select id, name, offers, scope, amount_eur::float as "amountEur", hours, max_weeks as "maxWeeks", evaluation_weeks as "evaluationWeeks", required_parts as "requiredParts"
    from arrangement_kinds where partnership_id = ${ctx.scope.partnershipId} and active order by name`;
}

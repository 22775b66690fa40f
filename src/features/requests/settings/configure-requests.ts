import { transaction } from '../../../db/index.ts';
import { audit } from '../../../platform/audit.ts';
import { fail, fieldError } from '../../../platform/errors.ts';
import type { StaffContext } from '../../../platform/http/context.ts';
import type { ArrangementKind, ArrangementKindInput, RequestSettings } from '../schema.ts';
import type { z } from 'zod';
import { loadRequestSettings } from './request-settings.ts';
import { requestSettingsPolicy } from '../policy.ts';

/**
 * The partnership configures its requests: the arrangement kinds it offers
 * and, per kind of request, the decision target and the parts a school must
 * attach. The partnership's admin and its director do this.
 */
const manage = (ctx: StaffContext) => requestSettingsPolicy.authorize(ctx.principal, 'manage', {});

const kindColumns = `id, name, offers, scope, amount_eur::float as "amountEur", hours, max_weeks as "maxWeeks", evaluation_weeks as "evaluationWeeks",
  required_parts as "requiredParts", active`;

export async function allArrangementKinds(ctx: StaffContext) {
  manage(ctx);
  return ctx.sql<z.infer<typeof ArrangementKind>[]>`select ${ctx.sql.unsafe(kindColumns)} from arrangement_kinds where partnership_id = ${ctx.scope.partnershipId} order by active desc, name`;
}

const unique = (e: unknown) => {
  if ((e as { code?: string }).code === '23505') fieldError('name', 'Er is al een arrangement met deze naam.');
  throw e;
};

export async function createArrangementKind(ctx: StaffContext, k: ArrangementKindInput) {
  manage(ctx);
  return transaction(ctx.sql, async (tx) => {
    const [row] = await tx<{ id: string }[]>`
      insert into arrangement_kinds (partnership_id, name, offers, scope, amount_eur, hours, max_weeks, evaluation_weeks, required_parts, active)
      values (${ctx.scope.partnershipId}, ${k.name}, ${k.offers}, ${k.scope}, ${k.amountEur}, ${k.hours}, ${k.maxWeeks}, ${k.evaluationWeeks}, ${k.requiredParts}, ${k.active})
      returning id`.catch(unique);
    await audit(tx, ctx.actor, { action: 'arrangement_kind.create', entityType: 'arrangement_kind', entityId: row!.id });
    return { id: row!.id };
  });
}

export async function updateArrangementKind(ctx: StaffContext, id: string, k: ArrangementKindInput) {
  manage(ctx);
  return transaction(ctx.sql, async (tx) => {
    const [row] = await tx`
      update arrangement_kinds set name = ${k.name}, offers = ${k.offers}, scope = ${k.scope}, amount_eur = ${k.amountEur}, hours = ${k.hours},
        max_weeks = ${k.maxWeeks}, evaluation_weeks = ${k.evaluationWeeks}, required_parts = ${k.requiredParts}, active = ${k.active}
      where id = ${id} and partnership_id = ${ctx.scope.partnershipId} returning id`.catch(unique);
    if (!row) fail('NOT_FOUND');
    await audit(tx, ctx.actor, { action: 'arrangement_kind.update', entityType: 'arrangement_kind', entityId: id });
    return { ok: true as const };
  });
}

export async function getRequestSettings(ctx: StaffContext) {
  manage(ctx);
  return loadRequestSettings(ctx.sql, ctx.scope.partnershipId);
}

export async function saveRequestSettings(ctx: StaffContext, settings: RequestSettings) {
  manage(ctx);
  return transaction(ctx.sql, async (tx) => {
    await tx`update partnerships set settings = jsonb_set(settings, '{requests}', ${tx.json(settings as never)}) where id = ${ctx.scope.partnershipId}`;
    await audit(tx, ctx.actor, { action: 'request_settings.update', entityType: 'partnership', entityId: ctx.scope.partnershipId });
    return settings;
  });
}

import type { z } from 'zod';
import { transaction, type Db } from '../../db/index.ts';
import { audit } from '../../platform/audit.ts';
import { fieldError } from '../../platform/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { isUniqueViolation } from '../../platform/http/errors.ts';
import { qualityPolicy } from './policy.ts';
import type { SpearheadsInput } from './schema.ts';

export interface SpearheadRow {
  id: string;
  label: string;
  description: string;
  active: boolean;
}

export const loadSpearheads = (db: Db, partnershipId: string) =>
  db<SpearheadRow[]>`select id, label, description, active from quality_spearheads where partnership_id = ${partnershipId} order by position, label`;

export async function getSpearheads(ctx: StaffContext) {
  qualityPolicy.authorize(ctx.principal, 'readSpearheads', {});
  const spearheads = await loadSpearheads(ctx.sql, ctx.scope.partnershipId);
  return { spearheads, allowed: { manage: qualityPolicy.can(ctx.principal, 'manageSpearheads', {}) } };
}

/**
 * The spearheads of the partnership's support plan, in one save. One left out
 * is retired, not deleted: plans of earlier years keep naming it.
 */
export async function saveSpearheads(ctx: StaffContext, input: z.output<typeof SpearheadsInput>) {
  qualityPolicy.authorize(ctx.principal, 'manageSpearheads', {});
  const pid = ctx.scope.partnershipId;
  await transaction(ctx.sql, async (tx) => {
    const known = new Set((await tx<{ id: string }[]>`select id from quality_spearheads where partnership_id = ${pid}`).map((r) => r.id));
    const kept = new Set<string>();
    for (const [i, s] of input.spearheads.entries()) {
      if (s.id) {
        if (!known.has(s.id)) fieldError(`spearheads.${i}.label`, 'Dit speerpunt bestaat niet (meer). Vernieuw de pagina.');
        kept.add(s.id);
        await tx`update quality_spearheads set label = ${s.label}, description = ${s.description}, active = ${s.active}, position = ${i} where id = ${s.id}`;
      } else {
        await tx`insert into quality_spearheads (partnership_id, label, description, active, position) values (${pid}, ${s.label}, ${s.description}, ${s.active}, ${i})`;
      }
    }
    const retired = [...known].filter((id) => !kept.has(id));
    if (retired.length) await tx`update quality_spearheads set active = false, position = ${input.spearheads.length} + position where id = any(${retired}::uuid[])`;
    await audit(tx, ctx.actor, { action: 'quality_spearheads.update', entityType: 'partnership', entityId: pid, details: { spearheads: input.spearheads.length, retired: retired.length } });
  }).catch((e: unknown) => (isUniqueViolation(e) ? fieldError('spearheads', 'Twee speerpunten hebben dezelfde naam.') : Promise.reject(e)));
  return getSpearheads(ctx);
}

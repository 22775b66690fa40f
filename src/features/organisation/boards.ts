import type { z } from 'zod';
import { transaction } from '../../db/index.ts';
import { audit } from '../../platform/audit.ts';
import { fail, fieldError } from '../../platform/errors.ts';
import { isUniqueViolation } from '../../platform/http/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { boardPolicy } from './policy.ts';
import type { BoardInput, BoardPatch } from './schema.ts';

export async function listBoards(ctx: StaffContext) {
  boardPolicy.authorize(ctx.principal, 'list', {});
  const rows = await ctx.sql<{ id: string; name: string; boardNumber: string; schoolCount: number }[]>`
    select b.id, b.name, b.board_number as "boardNumber", (select count(*)::int from schools s where s.board_id = b.id) as "schoolCount"
    from boards b where b.partnership_id = ${ctx.scope.partnershipId} order by b.name`;
  const allowed = { update: boardPolicy.can(ctx.principal, 'update', {}) };
  return { boards: rows.map((b) => ({ ...b, allowed })), allowed: { create: boardPolicy.can(ctx.principal, 'create', {}) } };
}

const duplicateNumber = (e: unknown) =>
  isUniqueViolation(e) ? fieldError('boardNumber', 'Er is al een bestuur met dit bestuursnummer.') : Promise.reject(e);

export async function createBoard(ctx: StaffContext, input: z.infer<typeof BoardInput>) {
  boardPolicy.authorize(ctx.principal, 'create', {});
  return transaction(ctx.sql, async (tx) => {
    const [row] = await tx<{ id: string }[]>`
      insert into boards (partnership_id, name, board_number) values (${ctx.scope.partnershipId}, ${input.name}, ${input.boardNumber})
      returning id`;
    await audit(tx, ctx.actor, { action: 'board.create', entityType: 'board', entityId: row!.id });
    return { id: row!.id };
  }).catch(duplicateNumber);
}

export async function updateBoard(ctx: StaffContext, id: string, patch: z.infer<typeof BoardPatch>) {
  boardPolicy.authorize(ctx.principal, 'update', {});
  return transaction(ctx.sql, async (tx) => {
    const [row] = await tx<{ id: string }[]>`
      update boards set name = coalesce(${patch.name ?? null}, name), board_number = coalesce(${patch.boardNumber ?? null}, board_number)
      where id = ${id} and partnership_id = ${ctx.scope.partnershipId} returning id`;
    if (!row) fail('NOT_FOUND');
    await audit(tx, ctx.actor, { action: 'board.update', entityType: 'board', entityId: id, details: { fields: Object.keys(patch) } });
    return { id };
  }).catch(duplicateNumber);
}

import type { Tx } from '../../../db/index.ts';
import type { StaffContext } from '../../../platform/http/context.ts';
import { queueMail } from '../../../platform/mail.ts';
import type { RequestRow } from '../reveal-request.ts';

/** A mail that names no pupil: the reader signs in to see what it is about. */
export async function notify(tx: Tx, ctx: StaffContext, userIds: (string | null)[], subject: string, requestId: string) {
  const to = await tx<{ email: string; name: string }[]>`
    select email, name from users where id = any(${userIds.filter((u): u is string => u !== null && u !== ctx.principal.userId)}::uuid[]) and status = 'active'`;
  for (const u of to) {
    await queueMail(tx, {
      to: u.email,
      subject,
      text: `Beste ${u.name},\n\n${subject}. Log in op Leerrecht om de aanvraag te bekijken:\n\n${ctx.publicUrl}/aanvragen/${requestId}\n`,
    });
  }
}

export async function holders(tx: Tx, r: RequestRow) {
  const [row] = await tx<{ createdBy: string; assignedTo: string | null }[]>`select created_by as "createdBy", assigned_to as "assignedTo" from requests where id = ${r.id}`;
  return row!;
}

import type { Tx } from '../../../db/index.ts';
import { fail } from '../../../platform/errors.ts';
import { formatDateTime } from '../../../platform/time.ts';
import type { RequestRow } from '../reveal-request.ts';

/** Someone else saved the request after this reader loaded it: a conflict that names who, so nothing is overwritten unseen. */
export async function checkRevision(tx: Tx, r: RequestRow, revision: number) {
  if (r.revision === revision) return;
  const [who] = await tx<{ name: string; at: Date }[]>`select u.name, q.updated_at as at from requests q join users u on u.id = q.updated_by where q.id = ${r.id}`;
  fail('CONFLICT', `${who!.name} heeft de aanvraag intussen opgeslagen (${formatDateTime(who!.at)}). Uw wijzigingen zijn niet opgeslagen: kopieer ze, herlaad de pagina en voeg ze opnieuw toe.`);
}

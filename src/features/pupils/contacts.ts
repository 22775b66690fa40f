import type { z } from 'zod';
import { transaction, type Db } from '../../db/index.ts';
import { audit } from '../../platform/audit.ts';
import { fieldError } from '../../platform/errors.ts';
import type { StaffContext } from '../../platform/http/context.ts';
import { pupilFor } from './api.ts';
import type { Contact, ContactsInput } from './contacts-schema.ts';
import { pupilPolicy } from './policy.ts';

const columns = (db: Db) => db`
  c.id, c.name, c.relation, c.parental_authority as "parentalAuthority", c.email, c.phone, c.source, c.updated_at as "updatedAt"`;

/** The pupil's parents and carers: whoever reads the pupil reads them (an audited read). */
export async function getContacts(ctx: StaffContext, pupilId: string) {
  return transaction(ctx.sql, async (tx) => {
    const pupil = await pupilFor(tx, ctx, pupilId, 'read');
    const contacts = await tx<Contact[]>`select ${columns(tx)} from pupil_contacts c where c.pupil_id = ${pupilId} order by c.position, c.created_at`;
    await audit(tx, ctx.actor, { action: 'pupil.contacts_read', entityType: 'pupil', entityId: pupilId, pupilId, schoolId: pupil.schoolId });
    return { contacts, allowed: { manage: pupilPolicy.can(ctx.principal, 'manageContacts', pupil) } };
  });
}

/**
 * Saves the whole list as shown: rows with an id are updated, new rows
 * added, rows left out removed; one transaction. A contact changed by hand is
 * the school's from then on (source 'manual'): the next import leaves it.
 */
export async function saveContacts(ctx: StaffContext, pupilId: string, input: z.infer<typeof ContactsInput>) {
  return transaction(ctx.sql, async (tx) => {
    const pupil = await pupilFor(tx, ctx, pupilId, 'manageContacts');
    const existing = new Set((await tx<{ id: string }[]>`select id from pupil_contacts where pupil_id = ${pupilId} for update`).map((r) => r.id));
    input.contacts.forEach((c, i) => {
      if (c.id && !existing.has(c.id)) fieldError(`contacts.${i}.name`, 'Deze contactpersoon bestaat niet meer; laad de pagina opnieuw.');
    });
    const kept = input.contacts.flatMap((c) => (c.id ? [c.id] : []));
    const removed = await tx`delete from pupil_contacts where pupil_id = ${pupilId} and not (id = any(${kept}::uuid[])) returning id`;
    let changed = removed.length;
    for (const [position, c] of input.contacts.entries()) {
      const values = { name: c.name, relation: c.relation, parental_authority: c.parentalAuthority, email: c.email, phone: c.phone, position };
      if (c.id) {
        const updated = await tx`
          update pupil_contacts set ${tx(values)}, source = 'manual', updated_by = ${ctx.principal.userId}, updated_at = now()
          where id = ${c.id} and (name, relation, parental_authority, email, phone, position) is distinct from
                (${c.name}, ${c.relation}, ${c.parentalAuthority}, ${c.email}, ${c.phone}, ${position})
          returning id`;
        changed += updated.length;
      } else {
        await tx`insert into pupil_contacts ${tx({ ...values, partnership_id: ctx.scope.partnershipId, school_id: pupil.schoolId, pupil_id: pupilId, updated_by: ctx.principal.userId })}`;
        changed += 1;
      }
    }
    if (changed > 0) await audit(tx, ctx.actor, { action: 'pupil.contacts_save', entityType: 'pupil', entityId: pupilId, pupilId, schoolId: pupil.schoolId, details: { contacts: input.contacts.length } });
    return { id: pupilId };
  });
}

/**
 * Whom a send to parents (OPP, consent, letters) goes to unless the sender
 * changes it: the contacts with parental authority and an e-mail address. For
 * other features, inside their own audited read of the pupil.
 */
export const parentRecipients = (db: Db, pupilId: string) =>
  db<{ name: string; email: string }[]>`
    select name, email from pupil_contacts where pupil_id = ${pupilId} and parental_authority and email <> '' order by position, created_at`;

import { z } from 'zod';
import { optionalEmail, optionalPhone, requiredText } from '../../platform/http/schemas.ts';

/** Shared with the browser: a pupil's parents and carers (contactpersonen). */
export const relations = ['moeder', 'vader', 'ouder', 'verzorger', 'voogd', 'pleegouder', 'anders'] as const;
export const relationLabels: Record<(typeof relations)[number], string> = {
  moeder: 'Moeder',
  vader: 'Vader',
  ouder: 'Ouder',
  verzorger: 'Verzorger',
  voogd: 'Voogd',
  pleegouder: 'Pleegouder',
  anders: 'Anders',
};
/** A pupil has at most this many contacts: parents, step-parents, a guardian. */
export const MAX_CONTACTS = 6;


export const ContactInput = z.object({
  /** Absent: a new contact. */
  id: z.uuid().optional(),
  name: requiredText(120, 'Vul de naam in.'),
  relation: z.enum(relations, 'Kies de relatie tot de leerling.'),
  parentalAuthority: z.boolean('Kies of deze persoon het ouderlijk gezag heeft.'),
  email: optionalEmail(),
  phone: optionalPhone(),
});
export type ContactInput = z.infer<typeof ContactInput>;

/** The whole list at once, in the order shown: one save, one transaction. */
export const ContactsInput = z.object({
  contacts: z.array(ContactInput).max(MAX_CONTACTS, `Hoogstens ${MAX_CONTACTS} contactpersonen.`),
});

export const Contact = z.object({
  id: z.string(),
  name: z.string(),
  relation: z.enum(relations),
  parentalAuthority: z.boolean(),
  email: z.string(),
  phone: z.string(),
  source: z.enum(['manual', 'import']),
  updatedAt: z.date(),
});
export type Contact = z.infer<typeof Contact>;
export const Contacts = z.object({ contacts: z.array(Contact), allowed: z.object({ manage: z.boolean() }) });

/** Who a send to parents goes to by default: the contacts with parental authority and an e-mail address. */
export const SuggestedRecipient = z.object({ name: z.string(), email: z.string() });

type Signer = 'parent' | 'pupil';
/**
 * The rows a send dialog starts with: the dossier's parents with parental
 * authority (or one empty parent row when there are none), and the pupil when
 * the pupil signs too. The sender can still change every row.
 */
export function defaultRecipients(signers: readonly Signer[], parents: readonly { name: string; email: string }[], pupilName = ''): { signer: Signer; name: string; email: string }[] {
  const parentRows = signers.includes('parent') ? (parents.length ? parents : [{ name: '', email: '' }]).map((p) => ({ signer: 'parent' as const, name: p.name, email: p.email })) : [];
  return [...parentRows, ...(signers.includes('pupil') ? [{ signer: 'pupil' as const, name: pupilName, email: '' }] : [])];
}

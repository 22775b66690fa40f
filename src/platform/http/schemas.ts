import { z } from 'zod';

/**
 * The input vocabulary: pieces every feature's schema uses, shared with the
 * browser's forms. A field means the same thing in every form.
 */
export const Id = z.object({ id: z.uuid('Ongeldige id.') });
export const email = z.string().trim().toLowerCase().email('Vul een geldig e-mailadres in.').max(254);
export const Created = z.object({ id: z.string() });

/** NCSC/NIST: length over composition rules; 12 characters minimum. */
export const passwordSchema = z
  .string()
  .min(12, 'Kies een wachtwoord van minstens 12 tekens.')
  .max(200, 'Een wachtwoord is hoogstens 200 tekens.');

/** A text the user must fill in: trimmed, not empty, at most `max` characters. */
export const requiredText = (max: number, whenEmpty = 'Vul dit veld in.') => z.string().trim().min(1, whenEmpty).max(max, `Hoogstens ${max} tekens.`);

/** A text the user may leave empty: trimmed, at most `max` characters; left out, it is ''. */
export const optionalText = (max: number) => z.string().trim().max(max, `Hoogstens ${max} tekens.`).default('');

/**
 * The days the app accepts. Pupils in the partnership's schools are at most
 * about 20, so nothing in a dossier (a birth, a test, a meeting) lies before
 * ~2005 while the app runs; 1990 leaves room for older history. Forward, a
 * TLV, an evaluation or a deadline lies years ahead, not a century: a year
 * past 2100 is a typing error (9999 would be stored as given).
 */
export const FIRST_DAY = '1990-01-01';
export const LAST_DAY = '2100-12-31';
const inRange = (d: string) => d >= FIRST_DAY && d <= LAST_DAY;
const outOfRange = 'Vul een datum in tussen 1990 en 2100.';

/**
 * A calendar day 'YYYY-MM-DD' that exists (zod's ISO date knows the months and leap years: no 31 February) and lies in range.
 * `abort`: a day that is not one gets one message, not a second about the range.
 */
export const day = z.iso.date({ error: 'Vul een bestaande datum in, bijvoorbeeld 31-01-2027.', abort: true }).refine(inRange, outOfRange);

/** An instant with its offset (a meeting's start), in the same range of days; as a Date. */
export const instant = z.iso
  .datetime({ offset: true, error: 'Vul een bestaande datum en tijd in, bijvoorbeeld 31-01-2027 14:00.', abort: true })
  .refine((s) => inRange(s.slice(0, 10)), outOfRange)
  .transform((s) => new Date(s));

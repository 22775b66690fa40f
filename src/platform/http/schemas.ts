import { z } from 'zod';

/**
 * The input vocabulary: pieces every feature's schema uses, shared with the
 * browser's forms. A field means the same thing in every form.
 */

type Issue = z.core.$ZodRawIssue;
const count = (n: number | bigint) => Number(n).toLocaleString('nl-NL');

/**
 * What a field says when its input is refused and its schema has no message
 * of its own: plain Dutch that says what to do, never the parser's words
 * ("Invalid input: expected number, received NaN", or zod's own Dutch
 * "Ongeldige invoer: verwacht getal, ontving NaN"). The server's 400 field
 * errors and the browser's check before sending both use it
 * (`z.config(dutchMessages)` in server/app.ts and app/main.tsx), so both say
 * the same. A schema's own message ("Vul het aantal uren in als getal") wins.
 */
export function dutchMessage(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type': {
      const missing = issue.input === undefined || issue.input === null || issue.input === '';
      switch (issue.expected) {
        case 'number':
        case 'int':
        case 'bigint':
          if (missing) return 'Vul hier een getal in, bijvoorbeeld 2.';
          return typeof issue.input === 'number' && Number.isFinite(issue.input) ? 'Vul een heel getal in, zonder komma, bijvoorbeeld 2.' : 'Vul hier een getal in, bijvoorbeeld 2.';
        case 'boolean':
          return 'Kies ja of nee.';
        case 'array':
          return missing ? 'Kies er minstens één.' : 'Kies een of meer mogelijkheden uit de lijst.';
        case 'date':
          return 'Vul een bestaande datum in, bijvoorbeeld 31-01-2027.';
        case 'string':
          return missing ? 'Vul dit veld in.' : 'Vul hier tekst in.';
        default:
          return missing ? 'Vul dit onderdeel in.' : 'Dit onderdeel van het formulier klopt niet; laad de pagina opnieuw en vul het nog eens in.';
      }
    }
    case 'invalid_value':
      if (issue.values.length === 1 && issue.values[0] === true) return 'Vink dit aan om verder te gaan.';
      return 'Kies een van de mogelijkheden in de lijst.';
    case 'too_big': {
      const max = count(issue.maximum);
      switch (issue.origin) {
        case 'string': {
          const now = typeof issue.input === 'string' ? ` (nu ${count(issue.input.length)})` : '';
          return `Gebruik hoogstens ${max} tekens${now}.`;
        }
        case 'number':
        case 'int':
        case 'bigint':
          return issue.inclusive ? `Vul een getal in van hoogstens ${max}.` : `Vul een getal in kleiner dan ${max}.`;
        case 'array':
        case 'set':
          return `Kies er hoogstens ${max}.`;
        case 'file':
          return `Kies een kleiner bestand, van hoogstens ${count(Math.floor(Number(issue.maximum) / 1_000_000))} MB.`;
        case 'date':
          return 'Kies een eerdere datum.';
        default:
          return `Gebruik hoogstens ${max}.`;
      }
    }
    case 'too_small': {
      const min = count(issue.minimum);
      switch (issue.origin) {
        case 'string':
          return Number(issue.minimum) <= 1 ? 'Vul dit veld in.' : `Gebruik minstens ${min} tekens.`;
        case 'number':
        case 'int':
        case 'bigint':
          return issue.inclusive ? `Vul een getal in van minstens ${min}.` : `Vul een getal in groter dan ${min}.`;
        case 'array':
        case 'set':
          return Number(issue.minimum) <= 1 ? 'Kies er minstens één.' : `Kies er minstens ${min}.`;
        case 'file':
          return 'Dit bestand is leeg; kies een ander bestand.';
        case 'date':
          return 'Kies een latere datum.';
        default:
          return `Gebruik minstens ${min}.`;
      }
    }
    case 'invalid_format':
      switch (issue.format) {
        case 'email':
          return 'Vul een geldig e-mailadres in, bijvoorbeeld naam@school.nl.';
        case 'uuid':
        case 'guid':
          return 'Kies een van de mogelijkheden in de lijst.';
        case 'date':
          return 'Vul een bestaande datum in, bijvoorbeeld 31-01-2027.';
        case 'datetime':
          return 'Vul een bestaande datum en tijd in, bijvoorbeeld 31-01-2027 14:00.';
        case 'time':
          return 'Vul een tijd in, bijvoorbeeld 14:00.';
        case 'url':
          return 'Vul een webadres in, bijvoorbeeld https://www.school.nl.';
        default:
          return 'Dit is niet in de goede vorm; kijk naar de uitleg bij het veld.';
      }
    case 'not_multiple_of':
      return `Vul een veelvoud van ${count(Number(issue.divisor))} in.`;
    case 'unrecognized_keys':
      return 'Het formulier stuurde gegevens die hier niet horen; laad de pagina opnieuw en vul het nog eens in.';
    case 'invalid_key':
    case 'invalid_element':
      return 'Controleer de waarden in deze lijst.';
    case 'invalid_union': {
      if (issue.note === 'No matching discriminator') return 'Kies een van de mogelijkheden in de lijst.';
      // The first alternative's own message says what that field wants ("Vul hier tekst in.").
      return issue.errors[0]?.[0]?.message ?? 'Controleer wat u hier hebt ingevuld.';
    }
    default:
      return 'Controleer wat u hier hebt ingevuld.';
  }
}

/** For `z.config`: every schema without a message of its own speaks through `dutchMessage`. */
export const dutchMessages = { localeError: dutchMessage } satisfies z.core.$ZodConfig;

/** The id of a thing in a page's address; wrong only when the address was changed by hand. */
export const addressId = z.uuid('Dit adres klopt niet. Open de pagina opnieuw via het menu.');
export const Id = z.object({ id: addressId });
export const email = z.string().trim().toLowerCase().email('Vul een geldig e-mailadres in.').max(254);
export const Created = z.object({ id: z.string() });
/** An e-mail address that may be left empty (a contact, a school's address). */
export const optionalEmail = (message = 'Vul een geldig e-mailadres in, bijvoorbeeld naam@voorbeeld.nl.') =>
  z.string().trim().toLowerCase().max(254, 'Hoogstens 254 tekens.').regex(/^$|^[^\s@]+@[^\s@]+\.[^\s@]+$/, message).default('');
/** A Dutch phone number that may be left empty; `example` in the message shows the expected form. */
export const optionalPhone = (example = '06 12345678') =>
  z.string().trim().regex(/^$|^[0-9+() -]{6,20}$/, `Vul een telefoonnummer in, bijvoorbeeld ${example}.`).default('');

/** NCSC/NIST: length over composition rules; 12 characters minimum. */
export const passwordSchema = z
  .string()
  .min(12, 'Kies een wachtwoord van minstens 12 tekens.')
  .max(200, 'Een wachtwoord is hoogstens 200 tekens.');

/** A list's page number from the query string: 1 when left out. */
export const pageNumber = z.coerce.number().int('Kies een bestaande pagina.').min(1, 'Kies een bestaande pagina.').max(100_000, 'Kies een bestaande pagina.').default(1);

/**
 * A list's name search ('zoek'): trimmed, empty is no search, at most 100
 * characters. The list searches only the names its reader may see.
 */
export const searchText = z
  .string()
  .trim()
  .max(100, 'Zoek met hoogstens 100 tekens.')
  .optional()
  .transform((v) => (v ? v : undefined));

/** A search text for SQL `like`: lower case, anywhere in the value, its % and _ taken literally. */
export const likeTerm = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** A list taken away as a file (platform/list-export.ts): CSV or Excel. */
export const exportFormats = ['csv', 'xlsx'] as const;
export type ExportFormat = (typeof exportFormats)[number];
export const exportFormat = z.enum(exportFormats, 'Kies CSV of Excel (xlsx).');

/** A text the user must fill in: trimmed, not empty, at most `max` characters. */
export const requiredText = (max: number, whenEmpty = 'Vul dit veld in.') => z.string().trim().min(1, whenEmpty).max(max);

/** A text the user may leave empty: trimmed, at most `max` characters; left out, it is ''. */
export const optionalText = (max: number) => z.string().trim().max(max).default('');

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

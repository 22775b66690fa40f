import { z } from 'zod';

/** Shared input pieces, used by several features and by the browser forms. */
export const Id = z.object({ id: z.uuid('Ongeldige id.') });
export const email = z.string().trim().toLowerCase().email('Vul een geldig e-mailadres in.').max(254);
export const Created = z.object({ id: z.string() });

/** NCSC/NIST: length over composition rules; 12 characters minimum. */
export const passwordSchema = z
  .string()
  .min(12, 'Kies een wachtwoord van minstens 12 tekens.')
  .max(200, 'Een wachtwoord is hoogstens 200 tekens.');

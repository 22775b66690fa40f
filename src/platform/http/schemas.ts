import { z } from 'zod';

/** Shared input pieces, used by several features and by the browser forms. */
export const Id = z.object({ id: z.uuid('Ongeldige id.') });
export const email = z.string().trim().toLowerCase().email('Vul een geldig e-mailadres in.').max(254);
export const Created = z.object({ id: z.string() });

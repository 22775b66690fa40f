import { z } from 'zod';

/**
 * What the browser learns about its session (GET /api/auth/session). Shared by
 * the auth feature, which answers it, and the browser kit (src/web/session.tsx),
 * which reads it; so it lives here rather than in a feature the kit may not import.
 */
export const SessionInfo = z.object({
  signedIn: z.boolean(),
  mfa: z.enum(['verified', 'required', 'enrol']).nullable(),
  csrfToken: z.string().nullable(),
  user: z
    .object({
      id: z.string(),
      name: z.string(),
      email: z.string(),
      partnership: z.object({ id: z.string(), name: z.string() }),
      roles: z.array(z.object({ role: z.string(), label: z.string(), schoolId: z.string().nullable(), schoolName: z.string().nullable() })),
    })
    .nullable(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

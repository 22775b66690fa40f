import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';

const Mail = z.object({ id: z.string(), to: z.string(), subject: z.string(), text: z.string(), createdAt: z.date() });

/**
 * The development outbox: without SMTP, mails stay in the database and are
 * read here, so an invited colleague can follow the link. Never registered
 * unless NODE_ENV is development, and never when SMTP is configured.
 */
export const outboxRoutes: FastifyPluginAsyncZod = async (app) => {
  if (!app.config.development || app.config.SMTP_URL) return;
  // Newest first by the number, not by its text ('99' > '100'): `outbox.id`, not the output column `id`.
  app.get('/api/outbox', { config: { auth: 'public' }, schema: { response: { 200: z.array(Mail) } } }, (req) =>
    req.db<z.infer<typeof Mail>[]>`
      select id::text, to_address as to, subject, text_body as text, created_at as "createdAt" from outbox order by outbox.id desc limit 100`,
  );
};

import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roleNames, roles } from '../../platform/access/roles.ts';

/** Reference lists the browser needs: the role catalogue with Dutch labels. */
export const metaRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get('/api/meta/roles', { config: { auth: 'staff' }, schema: { response: { 200: z.array(z.object({ role: z.string(), label: z.string(), scope: z.string() })) } } }, () =>
    roleNames.map((role) => ({ role, label: roles[role].label, scope: roles[role].scope })),
  );
};

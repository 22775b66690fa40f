import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';

/**
 * PostgreSQL text cannot hold the NUL character; refuse it at the edge, with
 * the field named, instead of failing deep in a query.
 */
export function refuseNulCharacters(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => {
    for (const part of [req.params, req.query, req.body]) {
      const path = findNul(part, []);
      if (path) throw new AppError('VALIDATION', undefined, [{ path: path.join('.'), message: 'Bevat een ongeldig teken.' }]);
    }
  });
}

function findNul(value: unknown, path: string[]): string[] | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path : null;
  if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      const found = k.includes('\u0000') ? [...path, k] : findNul(v, [...path, k]);
      if (found) return found;
    }
  }
  return null;
}

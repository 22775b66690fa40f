import type { FastifyInstance } from 'fastify';
import { AppError } from '../errors.ts';

/**
 * The deepest body a form sends is 5 levels (an OPP version: content → goals
 * → goal → field); 32 leaves room for any later form. The 1 MB body limit
 * alone allows ~100,000 levels, which overflow any recursive walk (ours,
 * zod's, or PostgreSQL's jsonb input, whose limit is its stack depth).
 */
export const MAX_BODY_DEPTH = 32;

/**
 * Checks at the edge, for every route (signed in or not), before schema
 * validation and before the session is looked up: a body nested deeper than
 * MAX_BODY_DEPTH, and the NUL character, which PostgreSQL text cannot hold
 * (refused with the field named instead of failing deep in a query).
 */
export function refuseMalformedInput(app: FastifyInstance) {
  app.addHook('preValidation', async (req) => {
    for (const part of [req.params, req.query, req.body]) {
      const found = findProblem(part);
      if (found === 'too-deep') throw new AppError('VALIDATION', `De inhoud van het verzoek is te diep genest (meer dan ${MAX_BODY_DEPTH} niveaus). Stuur de gegevens zoals het formulier ze stuurt.`);
      if (found) throw new AppError('VALIDATION', undefined, [{ path: found.join('.'), message: 'Bevat een ongeldig teken.' }]);
    }
  });
}

/** Iterative, so no input can overflow the stack: the path to a NUL character, 'too-deep', or null. */
function findProblem(root: unknown): string[] | 'too-deep' | null {
  const stack: { value: unknown; path: string[] }[] = [{ value: root, path: [] }];
  while (stack.length) {
    const { value, path } = stack.pop()!;
    if (typeof value === 'string') {
      if (value.includes('\u0000')) return path;
    } else if (value && typeof value === 'object') {
      if (path.length >= MAX_BODY_DEPTH) return 'too-deep';
      for (const [k, v] of Object.entries(value)) {
        if (k.includes('\u0000')) return [...path, k];
        stack.push({ value: v, path: [...path, k] });
      }
    }
  }
  return null;
}

import type { FastifyError, FastifyInstance, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { audit, type AuditEvent } from '../audit.ts';
import { AppError, errorCodes, type ErrorCode, type FieldError } from '../errors.ts';
import { requestContext } from './context.ts';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: FieldError[] };
}

export const errorBody = (code: ErrorCode, message?: string, fields?: FieldError[]): ErrorBody => ({
  error: { code, message: message ?? errorCodes[code].message, ...(fields ? { fields } : {}) },
});

/** Every failure leaves as `{ error: { code, message, fields? } }` with a Dutch message. */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler(async (err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      // Its own statement, after the refused request's transaction rolled back; on the owner connection, since
      // the request's tenant connection is handed back by now (the row names its partnership itself).
      const refusal = err.refusal ?? routeRefusal(req, err);
      if (refusal) await audit(req.server.ownerSql, requestContext(req).actor, refusal);
      return reply.status(err.status).send(errorBody(err.code, err.message, err.fields));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = err.validation.map((v) => ({
        path: v.instancePath.replace(/^\//, '').replace(/\//g, '.'),
        message: v.message ?? 'Controleer wat u hier hebt ingevuld.',
      }));
      return reply.status(400).send(errorBody('VALIDATION', undefined, fields));
    }
    if (err.statusCode === 429) return reply.status(429).send(errorBody('RATE_LIMITED'));
    if (err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') {
      return reply.status(400).send(errorBody('VALIDATION', 'Het verzoek heeft geen geldige JSON-inhoud.'));
    }
    if (err.statusCode && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.status(err.statusCode).send(errorBody('VALIDATION', 'Het verzoek is ongeldig.'));
    }
    if (isUniqueViolation(err)) return reply.status(409).send(errorBody('CONFLICT'));
    // Log the error itself, never the request body: it may hold pupil data.
    // A response that fails its schema names the paths, never the values.
    const issues = (err.cause as { issues?: { path: unknown[]; message: string }[] } | undefined)?.issues?.map((i) => `${i.path.join('.')}: ${i.message}`);
    req.log.error({ err: { message: err.message, code: err.code, stack: err.stack, issues } }, 'unhandled error');
    return reply.status(500).send(errorBody('INTERNAL'));
  });
}

/**
 * A refused call of a pupil-data route (403/404) that no policy described
 * more closely (access/reveal.ts writes '<entity>.read_refused' with the
 * entity's id): the route and its path ids, so probing shows in the privacy
 * officer's log. Path parameters passed the route's schema (ids, numbers); the
 * query string, which may hold a name, is left out.
 */
function routeRefusal(req: FastifyRequest, err: AppError): AuditEvent | undefined {
  if (!req.principal || !req.routeOptions.config.pupilData || (err.code !== 'FORBIDDEN' && err.code !== 'NOT_FOUND')) return undefined;
  const route = `${req.method} ${req.routeOptions.url ?? ''}`;
  return { action: 'api.refused', entityType: 'route', entityId: route, details: { status: err.status, params: req.params ?? {} } };
}

export const isUniqueViolation = (err: unknown): boolean => (err as { code?: string })?.code === '23505';

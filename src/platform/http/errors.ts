import type { FastifyError, FastifyInstance } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, errorCodes, type ErrorCode, type FieldError } from '../errors.ts';

export interface ErrorBody {
  error: { code: ErrorCode; message: string; fields?: FieldError[] };
}

export const errorBody = (code: ErrorCode, message?: string, fields?: FieldError[]): ErrorBody => ({
  error: { code, message: message ?? errorCodes[code].message, ...(fields ? { fields } : {}) },
});

/** Every failure leaves as `{ error: { code, message, fields? } }` with a Dutch message. */
export function registerErrorHandling(app: FastifyInstance) {
  app.setErrorHandler((err: FastifyError, req, reply) => {
    if (err instanceof AppError) {
      return reply.status(err.status).send(errorBody(err.code, err.message, err.fields));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const fields = err.validation.map((v) => ({
        path: v.instancePath.replace(/^\//, '').replace(/\//g, '.'),
        message: v.message ?? 'Ongeldige waarde',
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

export const isUniqueViolation = (err: unknown): boolean => (err as { code?: string })?.code === '23505';

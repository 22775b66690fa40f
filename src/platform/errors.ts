import type { AuditEvent } from './audit.ts';

/**
 * Coded errors. Business functions throw these; the HTTP layer turns them into
 * a status and a clear Dutch message. Each code says why it exists.
 */
export const errorCodes = {
  /** No (valid) session: sign in first. */
  UNAUTHENTICATED: { status: 401, message: 'U bent niet (meer) ingelogd. Log opnieuw in.' },
  /** Signed in with a password, but the second factor is still needed. */
  MFA_REQUIRED: { status: 401, message: 'Bevestig eerst uw inlog met de code uit uw authenticator-app.' },
  /** The user is known, but this action is not part of their role. */
  FORBIDDEN: { status: 403, message: 'U heeft geen toegang tot deze functie.' },
  /** Not there, or not visible to this user: we don't say which. */
  NOT_FOUND: { status: 404, message: 'Niet gevonden.' },
  /** Input failed the schema; `fields` names each problem. */
  VALIDATION: { status: 400, message: 'Controleer de gemarkeerde velden.' },
  /** The request would break a uniqueness or state rule. */
  CONFLICT: { status: 409, message: 'Dit conflicteert met bestaande gegevens.' },
  /** Mutating request without the session's CSRF token. */
  CSRF: { status: 403, message: 'De pagina is verlopen. Vernieuw de pagina en probeer het opnieuw.' },
  /** Wrong e-mail/password: one message for both so addresses cannot be probed. */
  BAD_CREDENTIALS: { status: 401, message: 'E-mailadres of wachtwoord klopt niet.' },
  /** Too many failed sign-ins in a row; the account waits (see auth/lockout). */
  LOCKED: { status: 423, message: 'Dit account is tijdelijk geblokkeerd na te veel mislukte pogingen.' },
  BAD_CODE: { status: 400, message: 'De code klopt niet of is verlopen.' },
  BAD_TOKEN: { status: 400, message: 'Deze link is ongeldig of verlopen. Vraag een nieuwe aan.' },
  /** A step with far-reaching effects (e.g. an import ending most enrolments) needs the explicit confirmation the page asks for. */
  CONFIRMATION_REQUIRED: { status: 400, message: 'Bevestig eerst wat deze actie doet.' },
  RATE_LIMITED: { status: 429, message: 'Te veel verzoeken. Wacht even en probeer het opnieuw.' },
  INTERNAL: { status: 500, message: 'Er ging iets mis aan onze kant. Probeer het later opnieuw.' },
} as const;

export type ErrorCode = keyof typeof errorCodes;

export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly status: number;
  /**
   * A refusal the privacy officer must see (a refused read of pupil data):
   * the HTTP layer writes it to the audit log after the request's own
   * transaction has rolled back.
   */
  refusal?: AuditEvent;
  constructor(
    readonly code: ErrorCode,
    message?: string,
    readonly fields?: FieldError[],
  ) {
    super(message ?? errorCodes[code].message);
    this.status = errorCodes[code].status;
  }
}

export const fail = (code: ErrorCode, message?: string, fields?: FieldError[]): never => {
  throw new AppError(code, message, fields);
};

/** A field problem that only the server can see (e.g. a duplicate BRIN). */
export const fieldError = (path: string, message: string): never => {
  throw new AppError('VALIDATION', undefined, [{ path, message }]);
};

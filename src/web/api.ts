/**
 * The one way the browser calls the server. JSON in and out, the CSRF token on
 * every state-changing request, and one error type carrying the server's
 * Dutch message and field errors.
 */
export interface FieldError {
  path: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields: FieldError[] = [],
  ) {
    super(message);
  }
}

/** What JSON makes of a server type: instants arrive as ISO strings. */
export type Json<T> = T extends Date ? string : T extends (infer U)[] ? Json<U>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;

let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};

type AuthProblem = 'UNAUTHENTICATED' | 'MFA_REQUIRED';
let onAuthProblem: (problem: AuthProblem) => void = () => {};
/** The shell registers where a lost session or a missing second factor leads. */
export const setAuthProblemHandler = (handler: (problem: AuthProblem) => void) => {
  onAuthProblem = handler;
};

type Query = Record<string, string | number | undefined | null>;

export function withQuery(path: string, query?: Query): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

/** What differs between the staff app and a parent's page behind a link. */
interface ClientOptions {
  /** The header that proves a change comes from this page, and its value (null: none yet). */
  csrf: () => { header: string; token: string } | null;
  /**
   * Staff pages: a lost session or a missing second factor goes to the
   * shell's handler (the sign-in page). A parent's page shows its own message
   * instead: a parent has no staff sign-in.
   */
  staffSession: boolean;
  /** What to say when the server cannot be reached. */
  offline: string;
}

/** A client for the server's /api; `api` below is the staff app's. */
export function apiClient(opts: ClientOptions) {
  async function request<T>(method: string, path: string, body?: unknown, query?: Query): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    // A FormData body (file upload) sets its own multipart content type.
    if (body !== undefined && !(body instanceof FormData)) headers['content-type'] = 'application/json';
    const csrf = method === 'GET' ? null : opts.csrf();
    if (csrf) headers[csrf.header] = csrf.token;
    let res: Response;
    try {
      res = await fetch(withQuery(`/api/${path}`, query), {
        method,
        headers,
        credentials: 'same-origin',
        body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body),
      });
    } catch {
      throw new ApiError(0, 'NETWORK', opts.offline);
    }
    const text = await res.text();
    const data = text ? safeJson(text) : null;
    if (!res.ok) {
      const err = (data as { error?: { code?: string; message?: string; fields?: FieldError[] } } | null)?.error;
      const apiError = new ApiError(
        res.status,
        err?.code ?? 'HTTP_' + res.status,
        err?.message ?? 'Er ging iets mis. Probeer het later opnieuw.',
        err?.fields ?? [],
      );
      if (opts.staffSession && (apiError.code === 'UNAUTHENTICATED' || apiError.code === 'MFA_REQUIRED')) onAuthProblem(apiError.code);
      throw apiError;
    }
    return data as T;
  }

  return {
    get: <T>(path: string, query?: Query) => request<T>('GET', path, undefined, query),
    post: <T>(path: string, body: unknown = {}) => request<T>('POST', path, body),
    put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
    patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
    delete: <T>(path: string) => request<T>('DELETE', path),
  };
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

export const api = apiClient({
  csrf: () => (csrfToken ? { header: 'x-csrf-token', token: csrfToken } : null),
  staffSession: true,
  offline: 'De server is niet bereikbaar. Controleer uw verbinding en probeer het opnieuw.',
});

import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { currentTotp } from '../../src/platform/auth/totp.ts';
import type { TestUser } from './factories.ts';

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A browser-like client: keeps the session cookie and sends the CSRF token, like the web app does. */
export class Client {
  cookie: string | null = null;
  csrf: string | null = null;
  constructor(readonly app: FastifyInstance) {}

  /** `payload` is JSON, or a raw body (e.g. multipart) when `contentType` is given. */
  async request(method: Method, url: string, payload?: unknown, contentType?: string): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({
      method,
      url,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf ? { 'x-csrf-token': this.csrf } : {}),
        ...(contentType ? { 'content-type': contentType } : {}),
      },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
    const set = res.cookies.find((c) => c.name === 'lr_session');
    if (set) this.cookie = set.value ? `lr_session=${set.value}` : null;
    return res;
  }
  get = (url: string) => this.request('GET', url);
  post = (url: string, body: unknown = {}) => this.request('POST', url, body);
  put = (url: string, body: unknown = {}) => this.request('PUT', url, body);
  patch = (url: string, body: unknown = {}) => this.request('PATCH', url, body);
  delete = (url: string) => this.request('DELETE', url);

  async refreshCsrf() {
    const res = await this.get('/api/auth/session');
    this.csrf = res.json().csrfToken;
  }
}

/**
 * Signs in with password and, when the user has one, the TOTP code: the full
 * journey through the API. A code is accepted once; tests sign one user in
 * many times within half a minute, so each sign-in here stands for one at a
 * later moment: the remembered time step is forgotten first.
 */
export async function signIn(app: FastifyInstance, user: TestUser): Promise<Client> {
  const c = new Client(app);
  const res = await c.post('/api/auth/sign-in', { email: user.email, password: user.password });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  await c.refreshCsrf();
  if (res.json().next === 'mfa') {
    await app.ownerSql`update users set totp_last_step = null where id = ${user.id}`;
    const v = await c.post('/api/auth/mfa/verify', { code: currentTotp(user.totpSecret!) });
    if (v.statusCode !== 200) throw new Error(`mfa failed: ${v.statusCode} ${v.body}`);
    // The session continues under a new cookie and CSRF token.
    await c.refreshCsrf();
  }
  return c;
}

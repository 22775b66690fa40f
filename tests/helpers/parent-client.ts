import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Sql } from '../../src/db/index.ts';
import { randomToken, sha256 } from '../../src/platform/auth/tokens.ts';
import { mailbox, parentLink } from './factories.ts';
import { PARENT_CSRF_HEADER, subjectPlaces, type SubjectKind } from '../../src/features/parent-access/schema.ts';

/**
 * A parent's side in tests, for any subject a parent reaches by a link (an
 * OPP, a request): a link made straight in the database (as the school's
 * send or consent request makes it), the code read from the mail, and a
 * browser-like client that keeps the kind's cookie and sends the parent CSRF
 * header, like the page does.
 */

/** One link, as the school's mail makes it: 32 random bytes, sha-256 stored. */
export async function insertLink(
  sql: Sql,
  l: { partnershipId: string; kind: SubjectKind; subjectId: string; versionId?: string; createdBy: string; days: number },
  o: { signer?: 'parent' | 'pupil'; name?: string; email?: string } = {},
) {
  const token = randomToken();
  const email = o.email ?? mailbox(`ouder-${l.kind}`);
  const row = await parentLink(sql, {
    partnership_id: l.partnershipId, subject_kind: l.kind, subject_id: l.subjectId, version_id: l.versionId ?? null, signer: o.signer ?? 'parent',
    name: o.name ?? 'Mevrouw De Vries', email, token_hash: sha256(token), expires_at: new Date(Date.now() + l.days * 86_400_000), created_by: l.createdBy,
  });
  return { id: row.id, token, email };
}

/** The latest code mailed to an address, read from the outbox as a parent reads the mail. */
export async function mailedCode(sql: Sql, email: string): Promise<string> {
  const [m] = await sql<{ text: string }[]>`select text_body as text from outbox where to_address = ${email} order by id desc limit 1`;
  const code = m?.text.match(/Uw code is: (\d{6})/)?.[1];
  if (!code) throw new Error(`no code mailed to ${email}`);
  return code;
}

/** A parent's browser on one kind's pages: keeps that kind's cookie and sends the parent CSRF header. */
export class ParentClient {
  cookie: string | null = null;
  csrf: string | null = null;
  constructor(
    readonly app: FastifyInstance,
    readonly kind: SubjectKind = 'opp',
  ) {}

  async request(method: 'GET' | 'POST', url: string, payload?: unknown): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({
      method,
      url,
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...(this.csrf ? { [PARENT_CSRF_HEADER]: this.csrf } : {}) },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
    const name = subjectPlaces[this.kind].cookie;
    const set = res.cookies.find((c) => c.name === name);
    if (set) this.cookie = set.value ? `${name}=${set.value}` : null;
    return res;
  }
  get = (url: string) => this.request('GET', url);
  post = (url: string, body: unknown = {}) => this.request('POST', url, body);

  /** The whole way in: ask a code, read it from the mail, enter it. */
  async signIn(sql: Sql, l: { token: string; email: string }) {
    const base = `/api/${subjectPlaces[this.kind].api}`;
    const sent = await this.post(`${base}/code`, { token: l.token });
    if (sent.statusCode !== 200) throw new Error(`code: ${sent.statusCode} ${sent.body}`);
    const res = await this.post(`${base}/verify`, { token: l.token, code: await mailedCode(sql, l.email) });
    if (res.statusCode !== 200) throw new Error(`verify: ${res.statusCode} ${res.body}`);
    this.csrf = res.json().csrfToken;
    return res;
  }
}

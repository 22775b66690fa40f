import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Sql } from '../../src/db/index.ts';
import { randomToken, sha256 } from '../../src/platform/auth/tokens.ts';
import { OppContent } from '../../src/features/plans/schema.ts';
import * as f from '../helpers/factories.ts';

/**
 * A plan that went to the parents, made straight in the database (the
 * author's "send" is another feature's; these tests start where its mail
 * ends), and a browser-like client for the parent's pages.
 */
export async function planWithParents(sql: Sql, o: { birthDate?: string; firstName?: string; words?: string } = {}) {
  const p = await f.partnership(sql);
  const b = await f.board(sql, p.id);
  const s = await f.school(sql, p.id, b.id);
  const author = await f.user(sql, p.id, { roles: [{ role: 'oco', schoolId: s.id }] });
  const caseManager = await f.user(sql, p.id, { roles: [{ role: 'ondersteuner', schoolId: s.id }] });
  const [cm] = await sql<{ name: string }[]>`update users set name = 'Fatima El Amrani' where id = ${caseManager.id} returning name`;
  const pupil = await f.pupil(sql, p.id, s.id, null);
  const firstName = o.firstName ?? 'Noor';
  await sql`update pupils set first_name = ${firstName}, birth_date = ${o.birthDate ?? '2013-05-04'}, case_manager_id = ${caseManager.id} where id = ${pupil.id}`;
  const words = o.words ?? 'rustige plek';
  const content = OppContent.parse({
    perspective: { destination: 'mbo-3', grounds: `Onderbouwing met ${words}` },
    factors: [{ kind: 'supporting', category: 'leren', description: 'Leest graag' }],
    goals: [{ id: 'g1', what: `Werkt 20 minuten zelfstandig op een ${words}`, howWeSee: 'Mentor ziet het in de les', by: '2027-06-30' }],
    measures: [{ id: 'm1', aspect: 'ruimte', description: `Een ${words} in het leerplein`, who: 'Mentor', hoursPerWeek: 2, where: 'Leerplein' }],
    curriculumDeviations: 'Geen Frans in leerjaar 2',
    evaluationDates: ['2027-01-15', '2027-06-15'],
    handelingsadviezen: ['Geef instructie in kleine stappen'],
    pupilView: `${firstName} wil graag rust in de klas.`,
    summary: {
      whatWeSee: `${firstName} raakt snel afgeleid in een drukke klas (${words}).`,
      whatWeAim: 'Zelfstandig werken, 20 minuten achter elkaar.',
      whatSchoolDoes: 'Een vaste plek in het leerplein, twee uur per week.',
      whatWeAsk: 'Praat thuis over hoe het gaat.',
      nextTalk: '15 januari 2027',
    },
  });
  const [opp] = await sql<{ id: string }[]>`
    insert into opps (partnership_id, school_id, pupil_id, kind, status, created_by)
    values (${p.id}, ${s.id}, ${pupil.id}, 'full', 'with_parents', ${author.id}) returning id`;
  const [v] = await sql<{ id: string }[]>`
    insert into opp_versions (partnership_id, opp_id, number, kind, content, status, updated_by, sent_at)
    values (${p.id}, ${opp!.id}, 1, 'full', ${sql.json(content as never)}, 'with_parents', ${author.id}, now()) returning id`;
  return { partnershipId: p.id, schoolId: s.id, pupilId: pupil.id, oppId: opp!.id, versionId: v!.id, authorId: author.id, caseManagerName: cm!.name, firstName, words };
}

export type Plan = Awaited<ReturnType<typeof planWithParents>>;

let n = 0;
/** One link, as the author's send makes it: 32 random bytes, sha-256 stored, 14 days. */
export async function link(sql: Sql, plan: Plan, o: { signer?: 'parent' | 'pupil'; name?: string } = {}) {
  const token = randomToken();
  const email = `ouder-${Date.now()}-${n++}@voorbeeld.nl`;
  const [l] = await sql<{ id: string }[]>`
    insert into opp_links (partnership_id, opp_id, version_id, signer, name, email, token_hash, expires_at, created_by)
    values (${plan.partnershipId}, ${plan.oppId}, ${plan.versionId}, ${o.signer ?? 'parent'}, ${o.name ?? 'Mevrouw De Vries'}, ${email},
            ${sha256(token)}, now() + interval '14 days', ${plan.authorId})
    returning id`;
  return { id: l!.id, token, email };
}

/** The latest code mailed to an address, read from the outbox as a parent reads the mail. */
export async function mailedCode(sql: Sql, email: string): Promise<string> {
  const [m] = await sql<{ text: string }[]>`select text_body as text from outbox where to_address = ${email} order by id desc limit 1`;
  const code = m?.text.match(/Uw code is: (\d{6})/)?.[1];
  if (!code) throw new Error(`no code mailed to ${email}`);
  return code;
}

/** A parent's browser: keeps the lr_parent cookie and sends the parent CSRF header, like the page does. */
export class ParentClient {
  cookie: string | null = null;
  csrf: string | null = null;
  constructor(readonly app: FastifyInstance) {}

  async request(method: 'GET' | 'POST', url: string, payload?: unknown): Promise<LightMyRequestResponse> {
    const res = await this.app.inject({
      method,
      url,
      headers: { ...(this.cookie ? { cookie: this.cookie } : {}), ...(this.csrf ? { 'x-parent-csrf': this.csrf } : {}) },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
    const set = res.cookies.find((c) => c.name === 'lr_parent');
    if (set) this.cookie = set.value ? `lr_parent=${set.value}` : null;
    return res;
  }
  get = (url: string) => this.request('GET', url);
  post = (url: string, body: unknown = {}) => this.request('POST', url, body);

  /** The whole way in: ask a code, read it from the mail, enter it. */
  async signIn(sql: Sql, l: { token: string; email: string }) {
    const sent = await this.post('/api/parent/opp/code', { token: l.token });
    if (sent.statusCode !== 200) throw new Error(`code: ${sent.statusCode} ${sent.body}`);
    const res = await this.post('/api/parent/opp/verify', { token: l.token, code: await mailedCode(sql, l.email) });
    if (res.statusCode !== 200) throw new Error(`verify: ${res.statusCode} ${res.body}`);
    this.csrf = res.json().csrfToken;
    return res;
  }
}

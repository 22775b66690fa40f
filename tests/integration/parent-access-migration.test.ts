import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { connect, type Sql } from '../../src/db/index.ts';
import { migrate } from '../../src/db/migrate.ts';
import { linkBySession, linksOf, sendCode, verifyCode } from '../../src/features/parent-access/links.ts';
import { oppSubject } from '../../src/features/plans/parent.ts';
import { requestSubject } from '../../src/features/requests/parents/request-link.ts';
import { randomToken, sha256 } from '../../src/platform/auth/tokens.ts';
import { withDatabase } from '../helpers/global-setup.ts';
import { planWithParents } from './opp-parent-fixtures.ts';
import { draftRequest } from './request-parent-fixtures.ts';

/**
 * 0016 moves the OPP's and the requests' link tables into parent_links.
 * Parents hold those links (and codes, and sessions) in their mail and
 * browser: after the move each must still work, and the history (who was
 * sent what, when, revoked or not) must be all there. A database of its own,
 * built up to the migration before, filled the old way, then moved.
 */
const name = `leerrecht_parent_links_${process.pid}`;
let admin: Sql;
let sql: Sql;
const actor = { partnershipId: null, userId: null, ip: null, userAgent: null };

beforeAll(async () => {
  admin = connect(withDatabase(inject('databaseUrl'), 'postgres'), { max: 1 });
  await admin.unsafe(`drop database if exists ${name}`);
  await admin.unsafe(`create database ${name}`);
  sql = connect(withDatabase(inject('databaseUrl'), name), { max: 2 });
  // The schema as it was before: every migration up to 0016.
  const all = path.resolve('src/db/migrations');
  const before = fs.mkdtempSync(path.join(os.tmpdir(), 'leerrecht-before-0016-'));
  for (const f of fs.readdirSync(all).filter((f) => f < '0016')) fs.copyFileSync(path.join(all, f), path.join(before, f));
  await migrate(sql, before);
  fs.rmSync(before, { recursive: true, force: true });
});
afterAll(async () => {
  await sql.end();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
});

it('moves every OPP and request link with its token, code, session and history, and each keeps working', async () => {
  const plan = await planWithParents(sql);
  const request = await draftRequest(sql);
  const [oppToken, session, requestToken, revokedToken] = [randomToken(), randomToken(), randomToken(), randomToken()];
  // Raw SQL on purpose: opp_links and request_links are the old schema this migration moves; no builder knows them.
  const [opp] = await sql<{ id: string }[]>`
    insert into opp_links (partnership_id, opp_id, version_id, signer, name, email, token_hash, expires_at, code_expires_at, codes_sent,
      session_hash, session_expires_at, created_by, created_at)
    values (${plan.partnershipId}, ${plan.oppId}, ${plan.versionId}, 'pupil', 'Noor', 'noor@voorbeeld.nl', ${sha256(oppToken)}, now() + interval '10 days',
      now() + interval '10 minutes', 2, ${sha256(session)}, now() + interval '30 minutes', ${plan.authorId}, '2026-11-01T09:00:00Z')
    returning id`;
  // A code mailed before the move, hashed as the OPP's links always were.
  await sql`update opp_links set code_hash = ${sha256(`opp-code:${opp!.id}:123456`)} where id = ${opp!.id}`;
  const [supplement] = await sql<{ id: string }[]>`
    insert into request_links (partnership_id, request_id, signer, name, email, token_hash, expires_at, created_by, attachment_ids)
    values (${request.partnershipId}, ${request.requestId}, 'parent', 'Mevrouw De Vries', 'ouder@voorbeeld.nl', ${sha256(requestToken)}, now() + interval '80 days',
      ${request.ocoId}, ${[request.attachments.report]}::uuid[])
    returning id`;
  const [revoked] = await sql<{ id: string }[]>`
    insert into request_links (partnership_id, request_id, signer, name, email, token_hash, expires_at, created_by, revoked_at)
    values (${request.partnershipId}, ${request.requestId}, 'parent', 'Meneer De Vries', 'vader@voorbeeld.nl', ${sha256(revokedToken)}, now() + interval '80 days',
      ${request.ocoId}, now())
    returning id`;

  expect(await migrate(sql)).toContain('0016_parent_access.sql');

  const [{ old }] = (await sql`select to_regclass('opp_links') is null and to_regclass('request_links') is null as old`) as unknown as [{ old: boolean }];
  expect(old).toBe(true);
  const rows = await sql`
    select id, subject_kind, subject_id, version_id, attachment_ids::text[] as attachment_ids, signer, name, token_hash, codes_sent, created_at, revoked_at is not null as revoked
    from parent_links order by created_at`;
  expect(rows).toEqual([
    expect.objectContaining({ id: opp!.id, subject_kind: 'opp', subject_id: plan.oppId, version_id: plan.versionId, attachment_ids: null, signer: 'pupil', name: 'Noor', token_hash: sha256(oppToken), codes_sent: 2, created_at: new Date('2026-11-01T09:00:00Z'), revoked: false }),
    expect.objectContaining({ id: supplement!.id, subject_kind: 'request', subject_id: request.requestId, version_id: null, attachment_ids: [request.attachments.report], revoked: false }),
    expect.objectContaining({ id: revoked!.id, subject_kind: 'request', subject_id: request.requestId, revoked: true }),
  ]);

  // The session a browser holds, the code in the mail and the links themselves still work; the revoked one still does not.
  expect(await linkBySession(sql, 'opp', session)).toMatchObject({ id: opp!.id, subjectId: plan.oppId, versionId: plan.versionId, signer: 'pupil' });
  expect((await verifyCode(sql, actor, oppSubject, oppToken, '123456')).sessionToken).toBeTruthy();
  expect(await sendCode(sql, actor, requestSubject, requestToken)).toMatchObject({ sentTo: 'o****@voorbeeld.nl' });
  await expect(sendCode(sql, actor, requestSubject, revokedToken)).rejects.toMatchObject({ code: 'BAD_TOKEN' });
  // An OPP link opens no request, and the other way round.
  await expect(sendCode(sql, actor, requestSubject, oppToken)).rejects.toMatchObject({ code: 'BAD_TOKEN' });
  expect((await linksOf(sql, 'request', request.requestId)).map((l) => [l.id, l.attachmentIds, l.revoked])).toEqual([
    [supplement!.id, [request.attachments.report], false],
    [revoked!.id, null, true],
  ]);
});

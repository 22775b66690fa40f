import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { connect, type Sql } from '../../src/db/index.ts';
import { migrate } from '../../src/db/migrate.ts';
import { queueMail, startMailDispatcher } from '../../src/platform/mail.ts';
import { withDatabase } from '../helpers/global-setup.ts';

/**
 * The dispatcher sends queued mail to a real SMTP server (run here on
 * loopback). It gets a database of its own: in the shared test database it
 * would first work through every mail the other tests queued.
 */
const name = `leerrecht_mail_${process.pid}`;
let admin: Sql;
let sql: Sql;
let smtp: SMTPServer;
const received: { to: string; data: string }[] = [];
beforeAll(async () => {
  admin = connect(withDatabase(inject('databaseUrl'), 'postgres'), { max: 1 });
  await admin.unsafe(`drop database if exists ${name}`);
  await admin.unsafe(`create database ${name}`);
  sql = connect(withDatabase(inject('databaseUrl'), name), { max: 2 });
  await migrate(sql);
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, done) {
      let data = '';
      stream.on('data', (d) => (data += d));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), data });
        done();
      });
    },
  });
  await new Promise<void>((r) => smtp.listen(0, '127.0.0.1', r));
});
afterAll(async () => {
  await new Promise<void>((r) => smtp.close(() => r()));
  await sql.end();
  await admin.unsafe(`drop database if exists ${name} with (force)`);
  await admin.end();
});

it('sends a queued mail over SMTP once and marks it sent', async () => {
  const to = 'smtp@test.leerrecht.nl';
  await queueMail(sql, { to, subject: 'Uitnodiging voor Leerrecht', text: 'Welkom bij Leerrecht.' });
  const port = (smtp.server.address() as AddressInfo).port;
  const dispatcher = startMailDispatcher(sql, `smtp://127.0.0.1:${port}`, 'Leerrecht <noreply@leerrecht.local>', () => {});
  try {
    for (let i = 0; i < 100 && !received.some((m) => m.to === to); i++) await new Promise((r) => setTimeout(r, 100));
  } finally {
    await dispatcher.stop();
  }
  const mails = received.filter((m) => m.to === to);
  expect(mails).toHaveLength(1);
  expect(mails[0]!.data).toMatch(/Subject: Uitnodiging voor Leerrecht/);
  expect(mails[0]!.data).toMatch(/Welkom bij Leerrecht/);
  const [row] = await sql`select sent_at from outbox where to_address = ${to}`;
  expect(row!.sent_at).not.toBeNull();
});

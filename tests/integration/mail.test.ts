import { SMTPServer } from 'smtp-server';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { queueMail, startMailDispatcher } from '../../src/platform/mail.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';

/** The dispatcher sends queued mail to a real SMTP server (run here on loopback). */
let t: TestApp;
let smtp: SMTPServer;
const received: { to: string; data: string }[] = [];
beforeAll(async () => {
  t = await createTestApp();
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
  await t.close();
});

it('sends a queued mail over SMTP once and marks it sent', async () => {
  const to = `smtp-${Date.now()}@test.leerrecht.nl`;
  await queueMail(t.sql, { to, subject: 'Uitnodiging voor Leerrecht', text: 'Welkom bij Leerrecht.' });
  const port = (smtp.server.address() as AddressInfo).port;
  const dispatcher = startMailDispatcher(t.sql, `smtp://127.0.0.1:${port}`, 'Leerrecht <noreply@leerrecht.local>', () => {});
  try {
    for (let i = 0; i < 100 && !received.some((m) => m.to === to); i++) await new Promise((r) => setTimeout(r, 100));
  } finally {
    await dispatcher.stop();
  }
  const mails = received.filter((m) => m.to === to);
  expect(mails).toHaveLength(1);
  expect(mails[0]!.data).toMatch(/Subject: Uitnodiging voor Leerrecht/);
  expect(mails[0]!.data).toMatch(/Welkom bij Leerrecht/);
  const [row] = await t.sql`select sent_at from outbox where to_address = ${to}`;
  expect(row!.sent_at).not.toBeNull();
});

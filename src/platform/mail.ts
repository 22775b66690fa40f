import nodemailer from 'nodemailer';
import type { Db, Sql } from '../db/index.ts';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/**
 * Queue a mail in the outbox, inside the caller's transaction: a mail for a
 * change that rolls back is never sent. With SMTP configured, the dispatcher
 * sends it; without, it stays readable on the development outbox page.
 */
export async function queueMail(db: Db, mail: Mail): Promise<void> {
  await db`insert into outbox (to_address, subject, text_body, html_body)
           values (${mail.to}, ${mail.subject}, ${mail.text}, ${mail.html ?? null})`;
}

/** Sends queued mails over SMTP; one row at a time, safe with several app processes. */
export function startMailDispatcher(sql: Sql, smtpUrl: string, from: string, onError: (msg: string) => void) {
  const transport = nodemailer.createTransport(smtpUrl);
  let stopped = false;
  let running: Promise<void> = Promise.resolve();
  const tick = async () => {
    for (;;) {
      const sent = await sql.begin(async (tx) => {
        const [row] = await tx`select id, to_address, subject, text_body, html_body from outbox
                               where sent_at is null and error is null order by id limit 1 for update skip locked`;
        if (!row) return false;
        try {
          await transport.sendMail({ from, to: row.to_address, subject: row.subject, text: row.text_body, html: row.html_body ?? undefined });
          await tx`update outbox set sent_at = now() where id = ${row.id}`;
        } catch (e) {
          onError(`mail ${row.id} not sent: ${(e as Error).message}`);
          await tx`update outbox set error = ${(e as Error).message} where id = ${row.id}`;
        }
        return true;
      });
      if (!sent || stopped) return;
    }
  };
  const timer = setInterval(() => {
    running = running.then(tick).catch((e) => onError(`mail dispatcher: ${(e as Error).message}`));
  }, 2000);
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
      transport.close();
    },
  };
}

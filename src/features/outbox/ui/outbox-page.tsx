import { useQuery } from '@tanstack/react-query';
import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { Fragment, type ReactNode } from 'react';
import { api } from '../../../web/api.ts';
import { dateTime, Loading, PageTitle, QueryError } from '../../../web/ui.tsx';

interface Mail {
  id: string;
  to: string;
  subject: string;
  text: string;
  createdAt: string;
}

/** Plain text with its web addresses made clickable. */
function Linkified({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  const re = /https?:\/\/[^\s<>"]+/g;
  let last = 0;
  for (const m of text.matchAll(re)) {
    const start = m.index ?? 0;
    parts.push(text.slice(last, start));
    let href = m[0];
    try {
      // Links to this app open here, whatever PUBLIC_URL the server was started with.
      const url = new URL(href);
      if (!url.pathname.startsWith('/api/')) href = url.pathname + url.search + url.hash;
    } catch {
      // keep as is
    }
    parts.push(
      <a key={start} className="utrecht-link" href={href}>
        {m[0]}
      </a>,
    );
    last = start + m[0].length;
  }
  parts.push(text.slice(last));
  return (
    <pre>
      {parts.map((p, i) => (
        <Fragment key={i}>{p}</Fragment>
      ))}
    </pre>
  );
}

export function OutboxPage() {
  const mails = useQuery({ queryKey: ['outbox'], queryFn: () => api.get<Mail[]>('outbox'), refetchInterval: 5000 });
  return (
    <>
      <PageTitle title="Outbox (ontwikkeling)" />
      <Paragraph>Zonder mailserver komen e-mails hier terecht in plaats van in een mailbox. Deze pagina bestaat alleen buiten productie.</Paragraph>
      {mails.isPending && <Loading what="E-mails" />}
      {mails.isError && <QueryError error={mails.error} />}
      {mails.isSuccess && mails.data.length === 0 && <Paragraph>Er zijn nog geen e-mails.</Paragraph>}
      {mails.isSuccess &&
        mails.data.map((m) => (
          <article key={m.id} className="lr-mail" aria-labelledby={`mail-${m.id}`}>
            <Heading2 id={`mail-${m.id}`}>{m.subject}</Heading2>
            <Paragraph className="lr-muted">
              Aan {m.to} · {dateTime(m.createdAt)}
            </Paragraph>
            <Linkified text={m.text} />
          </article>
        ))}
    </>
  );
}

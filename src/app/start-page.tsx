import { Heading2, Paragraph } from '@utrecht/component-library-react';
import { urgencyLabels, type WorkFigureOut, type WorkItemOut } from '../platform/work-schema.ts';
import { useSession } from '../web/session.tsx';
import { day, Link, Loading, PageTitle, QueryError } from '../web/ui.tsx';
import { useWork } from './work.ts';
import './start-page.css';

/** One line of the work list: what waits, where it is done, and by when. */
function WorkLine({ item }: { item: WorkItemOut }) {
  return (
    <li className={`lr-work__item lr-work__item--${item.urgency}`}>
      <Link to={item.link}>{item.title}</Link>
      <span className="lr-work__meta">
        <span className={`lr-badge lr-work__urgency lr-work__urgency--${item.urgency}`}>{urgencyLabels[item.urgency]}</span>
        {item.dueOn && <span> uiterlijk {day(item.dueOn)}</span>}
        {item.detail && <span className="lr-work__detail"> · {item.detail}</span>}
      </span>
    </li>
  );
}

/** A number the reader oversees, with its split per school (small counts are withheld by the server). */
function Figure({ figure }: { figure: WorkFigureOut }) {
  return (
    <li className="lr-card lr-work__figure">
      <Paragraph className="lr-work__number">{figure.total}</Paragraph>
      <Paragraph>{figure.link ? <Link to={figure.link}>{figure.label}</Link> : figure.label}</Paragraph>
      {figure.bySchool.length > 0 && (
        <details>
          <summary>Per school</summary>
          <ul className="lr-work__schools">
            {figure.bySchool.map((s) => (
              <li key={s.schoolId}>
                {s.schoolName}: {s.count === null ? 'minder dan 5' : s.count}
              </li>
            ))}
          </ul>
        </details>
      )}
    </li>
  );
}

/**
 * Start: the reader's work list (werkvoorraad), most urgent first, each line
 * a link to where it is done. What is on it is the server's business
 * (GET /api/work, docs/decisions/0012-work-and-menu.md): a new capability adds
 * its items there, not here.
 */
export function StartPage() {
  const { data } = useSession();
  const user = data?.user;
  const work = useWork();
  return (
    <>
      <PageTitle title="Start" />
      <Paragraph lead>Welkom, {user?.name}.</Paragraph>
      <Paragraph>
        U werkt in <strong>{user?.partnership.name}</strong>
        {user?.roles.length ? (
          <>
            {' '}als{' '}
            {user.roles.map((r, i) => (
              <span key={`${r.role}-${r.schoolId}`}>
                {i > 0 && (i === user.roles.length - 1 ? ' en ' : ', ')}
                {r.label}
                {r.schoolName ? ` (${r.schoolName})` : ''}
              </span>
            ))}
          </>
        ) : null}
        .
      </Paragraph>
      {work.isPending ? (
        <Loading what="Werkvoorraad" />
      ) : work.isError ? (
        <QueryError error={work.error} />
      ) : (
        <>
          {work.data.figures.length > 0 && (
            <section aria-labelledby="cijfers">
              <Heading2 id="cijfers">Cijfers van het samenwerkingsverband</Heading2>
              <ul className="lr-cards lr-work__figures">
                {work.data.figures.map((f) => (
                  <Figure key={f.kind} figure={f} />
                ))}
              </ul>
            </section>
          )}
          <section aria-labelledby="werkvoorraad">
            <Heading2 id="werkvoorraad">Uw werkvoorraad</Heading2>
            {work.data.items.length === 0 ? (
              <Paragraph>Er wacht nu niets op u. Nieuwe taken, aanvragen en termijnen verschijnen hier vanzelf.</Paragraph>
            ) : (
              <>
                {work.data.total > work.data.items.length && (
                  <Paragraph>
                    De {work.data.items.length} dringendste van {work.data.total}.
                  </Paragraph>
                )}
                <ul className="lr-work" data-testid="werkvoorraad">
                  {work.data.items.map((item, i) => (
                    <WorkLine key={`${item.kind}-${item.link}-${i}`} item={item} />
                  ))}
                </ul>
              </>
            )}
          </section>
        </>
      )}
    </>
  );
}

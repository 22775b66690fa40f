import { Alert, ButtonGroup, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useEffect, type ReactNode } from 'react';
import { Link as RouterLink, type LinkProps } from 'react-router';
import { formatDateTime, formatDateTimeShort, formatDay, formatDayNumeric } from '../platform/time.ts';
import { ApiError } from './api.ts';

export const APP_NAME = 'Leerrecht';

export function usePageTitle(title: string) {
  useEffect(() => {
    document.title = `${title} – ${APP_NAME}`;
  }, [title]);
}

/** A page's heading and title; the shell moves focus to the h1 after navigation. */
export function PageTitle({ title, children }: { title: string; children?: ReactNode }) {
  usePageTitle(title);
  return (
    <div className="lr-page-title">
      <Heading1 tabIndex={-1} id="pagina-titel">
        {title}
      </Heading1>
      {children && <ButtonGroup>{children}</ButtonGroup>}
    </div>
  );
}

export function Loading({ what = 'Gegevens' }: { what?: string }) {
  return (
    <Paragraph role="status" className="lr-muted">
      {what} laden…
    </Paragraph>
  );
}

export function QueryError({ error }: { error: unknown }) {
  const message = error instanceof ApiError ? error.message : 'Er ging iets mis bij het laden. Probeer het later opnieuw.';
  return (
    <Alert type="error" role="alert">
      <Paragraph>{message}</Paragraph>
    </Alert>
  );
}

export function Notice({ children, type = 'ok' }: { children: ReactNode; type?: 'ok' | 'info' | 'warning' | 'error' }) {
  return (
    <Alert type={type} role="status">
      <Paragraph>{children}</Paragraph>
    </Alert>
  );
}

/** react-router navigation with the NL Design System link look. */
export function Link({ className, ...props }: LinkProps) {
  return <RouterLink className={['utrecht-link', className].filter(Boolean).join(' ')} {...props} />;
}

/** React-router link that looks like a button. */
export function ButtonLinkTo({ className, appearance = 'secondary', ...props }: LinkProps & { appearance?: 'primary' | 'secondary' }) {
  return (
    <RouterLink
      className={['utrecht-button', appearance === 'primary' ? 'utrecht-button--primary-action' : 'utrecht-button--secondary-action', 'lr-button-link', className]
        .filter(Boolean)
        .join(' ')}
      {...props}
    />
  );
}

export function Pager({ page, hasMore, total, pageSize, onPage }: { page: number; hasMore?: boolean; total?: number; pageSize?: number; onPage: (p: number) => void }) {
  const lastPage = total !== undefined && pageSize ? Math.max(1, Math.ceil(total / pageSize)) : undefined;
  const more = hasMore ?? (lastPage !== undefined && page < lastPage);
  if (page === 1 && !more) return null;
  return (
    <nav aria-label="Paginering" className="lr-pager">
      <button type="button" className="utrecht-button utrecht-button--secondary-action" disabled={page <= 1} onClick={() => onPage(page - 1)}>
        Vorige
      </button>
      <span aria-live="polite">
        Pagina {page}
        {lastPage ? ` van ${lastPage}` : ''}
      </span>
      <button type="button" className="utrecht-button utrecht-button--secondary-action" disabled={!more} onClick={() => onPage(page + 1)}>
        Volgende
      </button>
    </nav>
  );
}

/** A page's own table of contents: a link to each section, as [anchor, label]. */
export function PageToc({ items, className }: { items: readonly (readonly [string, string])[]; className: string }) {
  return (
    <nav aria-label="Op deze pagina" className={className}>
      <ul>
        {items.map(([anchor, label]) => (
          <li key={anchor}>
            <a className="utrecht-link" href={`#${anchor}`}>
              {label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/*
 * Staff screens show a day as the forms ask it, dd-mm-jjjj, so a date reads the same in a
 * table, a sentence and a field. Pages for parents and pupils write it out ('4 mei 2013'):
 * plain language (B1) spells out dates rather than giving digits to decode.
 */

/** An instant → '04-05-2013 14:05' in Dutch time; '—' when there is none. */
export const dateTime = (value: string | Date | null | undefined) => (value ? formatDateTimeShort(new Date(value)) : '—');

/** 'yyyy-mm-dd' (or the day of an ISO instant) → '04-05-2013'; '—' when there is none. */
export const day = (value: string | null | undefined): string => (value ? formatDayNumeric(value.slice(0, 10)) : '—');

/** For parents and pupils: an instant → '4 mei 2013 14:05'; '—' when there is none. */
export const dateTimeInWords = (value: string | Date | null | undefined) => (value ? formatDateTime(new Date(value)) : '—');

/** For parents and pupils: 'yyyy-mm-dd' → '4 mei 2013'; '—' when there is none. */
export const dayInWords = (value: string | null | undefined): string => (value ? formatDay(value.slice(0, 10)) : '—');

/** An amount in euros, '€ 1.250,00'; '—' when there is none. */
export const euro = (n: number | null) => (n === null ? '—' : n.toLocaleString('nl-NL', { style: 'currency', currency: 'EUR' }));

/** A failed action's message beside its button (null: nothing). */
export function InlineError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="lr-inline-error" role="alert">
      {message}
    </p>
  );
}

export function ComingSoon({ title, text }: { title: string; text: string }) {
  return (
    <>
      <PageTitle title={title} />
      <Paragraph>{text}</Paragraph>
      <Paragraph className="lr-muted">Dit onderdeel komt binnenkort.</Paragraph>
    </>
  );
}

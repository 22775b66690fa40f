import { useQueryClient } from '@tanstack/react-query';
import { Alert, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { z } from 'zod';
import { ApiError } from '../../../web/api.ts';
import { fieldId, type FieldErrors } from '../../../web/forms.tsx';
import { useSession } from '../../../web/session.tsx';
import { requestStatusLabels, type RequestKind, type tlvSchoolKinds, type Queue, type RequestPage, type RequestStatus } from '../schema.ts';

/** What JSON makes of a server type: instants arrive as ISO strings. */
export type Json<T> = T extends Date ? string : T extends (infer U)[] ? Json<U>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;

export type RequestData = Json<RequestPage>;
export type QueueData = Json<z.infer<typeof Queue>>;
export type QueueRowData = QueueData['rows'][number];
export type ClockData = RequestData['clock'];
export type Can = RequestData['can'];

export const requestKey = (id: string) => ['request', id] as const;
export const dossierItemsKey = (id: string) => ['request', id, 'dossier-items'] as const;
export const queueKey = (query: Record<string, string | undefined>) => ['requests', query] as const;
export const staffKey = ['request-staff'] as const;

export interface StaffList {
  consultants: { id: string; name: string }[];
  experts: { id: string; name: string }[];
}

export interface ArrangementKind {
  id: string;
  name: string;
  offers: string;
  scope: string;
  amountEur: number | null;
  hours: number | null;
  maxWeeks: number | null;
  evaluationWeeks: number | null;
  requiredParts: string[];
}

/** Short kind names for tables and lists; the page itself uses the full requestKindLabels. */
export const shortKindLabels: Record<RequestKind, string> = { arrangement: 'Arrangement', tlv: 'TLV', opdc: 'OPDC / OZA', consultation: 'Consultatievraag' };
export const signerLabels: Record<'parent' | 'pupil', string> = { parent: 'Ouder of verzorger', pupil: 'Leerling' };
export const conclusionLabels: Record<'admissible' | 'not_admissible', string> = { admissible: 'Toelaatbaar', not_admissible: 'Niet toelaatbaar' };
export const objectionStatusLabels: Record<'open' | 'upheld' | 'rejected' | 'withdrawn', string> = { open: 'Loopt', upheld: 'Gegrond', rejected: 'Ongegrond', withdrawn: 'Ingetrokken' };
export const tlvSchoolKindLabels: Record<(typeof tlvSchoolKinds)[number], string> = { sbo: 'Speciaal basisonderwijs (sbo)', so: 'Speciaal onderwijs (so)', vso: 'Voortgezet speciaal onderwijs (vso)' };

/** Who reads the page: the signed-in user's id and whether they work at the loket. */
export function useMe() {
  const session = useSession();
  const user = session.data?.user ?? null;
  return { id: user?.id ?? '', isConsultant: !!user?.roles.some((r) => r.role === 'swv_consultant') };
}

export const errorText = (e: unknown, fallback = 'Dat is niet gelukt. Probeer het opnieuw.') => (e instanceof ApiError ? e.message : fallback);

/** Reloads the request and every list it appears in. */
export function useRefresh(id: string) {
  const client = useQueryClient();
  return async () => {
    await client.invalidateQueries({ queryKey: requestKey(id) });
    void client.invalidateQueries({ queryKey: ['requests'] });
  };
}

/** Status as text plus colour (never colour alone); every pair passes 4.5:1 (requests.css). */
export function StatusBadge({ status }: { status: RequestStatus }) {
  return (
    <span className={`lr-badge lr-req-status lr-req-status--${status}`} data-testid="aanvraag-status">
      {requestStatusLabels[status]}
    </span>
  );
}

export function WaitingBadge() {
  return <span className="lr-badge lr-req-waiting">Wacht op school</span>;
}

/** "nog 5 dagen" / "2 dagen te laat": the days to the decision target in words. */
export function daysToTargetText(n: number | null): string {
  if (n === null) return '—';
  if (n < 0) return `${-n} ${-n === 1 ? 'dag' : 'dagen'} te laat`;
  if (n === 0) return 'vandaag';
  return `nog ${n} ${n === 1 ? 'dag' : 'dagen'}`;
}
export const daysText = (n: number | null) => (n === null ? '—' : `${n} ${n === 1 ? 'dag' : 'dagen'}`);

/** A form's own errors, summary and busy state; server field errors are mapped under the form's prefix. */
export function useFormState(prefix: string) {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [sending, setSending] = useState(false);
  const fail = (found: FieldErrors, message: string | null = null) => {
    setErrors(found);
    setFormError(message);
    setAttempt((n) => n + 1);
  };
  /** Checks the input with the server's schema; returns the parsed value or null after showing the errors. */
  function check<S extends z.ZodType>(schema: S, raw: unknown): z.output<S> | null {
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    const found: FieldErrors = {};
    for (const issue of parsed.error.issues) found[`${prefix}.${issue.path.map(String).join('.') || '_'}`] ??= issue.message;
    fail(found);
    return null;
  }
  async function run(send: () => Promise<void>): Promise<boolean> {
    setSending(true);
    setErrors({});
    setFormError(null);
    try {
      await send();
      return true;
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) {
        const f: FieldErrors = {};
        for (const fe of e.fields) f[`${prefix}.${fe.path || '_'}`] ??= fe.message;
        fail(f, e.message);
      } else fail({}, errorText(e));
      return false;
    } finally {
      setSending(false);
    }
  }
  const name = (path: string) => `${prefix}.${path}`;
  const error = (path: string) => errors[`${prefix}.${path}`];
  return { errors, formError, attempt, sending, fail, run, check, name, error };
}

/** A one-shot POST with busy state and the server's Dutch message. */
export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function run(send: () => Promise<unknown>, onDone?: () => void | Promise<void>) {
    setBusy(true);
    setError(null);
    try {
      await send();
      await onDone?.();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }
  return { busy, error, run, setError };
}

/** A confirmation after a change; it takes the focus so keyboard and screen reader users hear it. */
export function useFlash() {
  const [message, setMessage] = useState<string | null>(null);
  const [n, setN] = useState(0);
  const flash = (m: string) => {
    setMessage(m);
    setN((x) => x + 1);
  };
  return { flash, notice: <FlashNotice key={n} message={message} /> };
}

function FlashNotice({ message }: { message: string | null }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (message) ref.current?.focus();
  }, [message]);
  if (!message) return null;
  return (
    <div ref={ref} tabIndex={-1} className="lr-req-flash" data-testid="aanvraag-melding">
      <Alert type="ok" role="status">
        <Paragraph>{message}</Paragraph>
      </Alert>
    </div>
  );
}

/** A section of the request page with its own h2 and an anchor. */
export function ReqSection({ id, title, children, intro }: { id: string; title: string; children: ReactNode; intro?: ReactNode }) {
  return (
    <section className="lr-req-section" aria-labelledby={`${id}-titel`} id={id} data-testid={`sectie-${id}`}>
      <h2 className="utrecht-heading-2" id={`${id}-titel`} tabIndex={-1}>
        {title}
      </h2>
      {intro && <p className="lr-muted lr-req-intro">{intro}</p>}
      {children}
    </section>
  );
}

export function InlineError({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <p className="lr-req-error" role="alert">
      {message}
    </p>
  );
}

/** A group of radio buttons in a fieldset with a legend; the error is linked to the group. */
export function RadioGroup({
  name,
  legend,
  value,
  onChange,
  options,
  error,
  inline,
}: {
  name: string;
  legend: ReactNode;
  value: string;
  onChange: (v: string) => void;
  options: { value: string; label: string }[];
  error?: string;
  inline?: boolean;
}) {
  const id = fieldId(name);
  return (
    <fieldset className="lr-req-radios" id={id} tabIndex={-1} aria-describedby={error ? `${id}-fout` : undefined}>
      <legend className="lr-req-legend">{legend}</legend>
      {error && (
        <p id={`${id}-fout`} className="lr-req-error">
          {error}
        </p>
      )}
      <div className={inline ? 'lr-req-radios__list lr-req-radios__list--inline' : 'lr-req-radios__list'}>
        {options.map((o) => (
          <label key={o.value} className="lr-req-radio">
            <input type="radio" name={name} value={o.value} checked={value === o.value} onChange={() => onChange(o.value)} />
            {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** After a form under a button closes, focus goes to its section's heading instead of getting lost. */
export const focusHeading = (id: string) => window.setTimeout(() => document.getElementById(id)?.focus(), 0);

/** "12,5" or "12.5" → 12.5; empty → null; anything else stays text so the schema reports it. */
export function toNumber(v: string): number | string | null {
  const t = v.trim().replace(',', '.');
  if (!t) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : v;
}

export const euro = (n: number | null) => (n === null ? '—' : n.toLocaleString('nl-NL', { style: 'currency', currency: 'EUR' }));

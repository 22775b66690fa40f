import { useQueryClient } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import type { z } from 'zod';
import { useFlash as useSharedFlash } from '../../../web/actions.tsx';
import { api, type Json } from '../../../web/api.ts';
import { useSession } from '../../../web/session.tsx';
import { requestStatusLabels, type Discipline, type RequestKind, type Queue, type RequestPage, type RequestStatus } from '../schema.ts';

// Shared with the dossier and OPP pages.
export { errorText, focusHeading, useAction } from '../../../web/actions.tsx';
export { RadioGroup } from '../../../web/forms.tsx';

/** The confirmation after a change on a request page; the browser tests find it by its test id. */
export const useFlash = () => useSharedFlash({ testId: 'aanvraag-melding' });

export type RequestData = Json<RequestPage>;
/** After submission: what the school added and has not sent yet. */
export const unsentOf = (r: RequestData) => r.attachments.filter((a) => !a.shared && !a.removed);
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
  /** With the discipline each last advised in. */
  experts: { id: string; name: string; discipline: Discipline | null }[];
}

/** Short kind names for tables and lists; the page itself uses the full requestKindLabels. */
export const shortKindLabels: Record<RequestKind, string> = { arrangement: 'Arrangement', tlv: 'TLV', opdc: 'OPDC / OZA', consultation: 'Consultatievraag' };
export const signerLabels: Record<'parent' | 'pupil', string> = { parent: 'Ouder of verzorger', pupil: 'Leerling' };
export const conclusionLabels: Record<'admissible' | 'not_admissible', string> = { admissible: 'Toelaatbaar', not_admissible: 'Niet toelaatbaar' };
export const objectionStatusLabels: Record<'open' | 'upheld' | 'rejected' | 'withdrawn', string> = { open: 'Loopt', upheld: 'Gegrond', rejected: 'Ongegrond', withdrawn: 'Ingetrokken' };

/** Who reads the page: the signed-in user's id. */
export function useMe() {
  const session = useSession();
  return { id: session.data?.user?.id ?? '' };
}

/** Reloads the request and every list it appears in. */
export function useRefresh(id: string) {
  const client = useQueryClient();
  return async () => {
    await client.invalidateQueries({ queryKey: requestKey(id) });
    void client.invalidateQueries({ queryKey: ['requests'] });
  };
}

/** What a form on the request page sends: its checked input to `requests/:id/<path>`, then the page reloads. */
export function useSendTo(id: string) {
  const refresh = useRefresh(id);
  return (path: string, method: 'post' | 'put' = 'post') =>
    async (input: unknown) => {
      await api[method](`requests/${id}/${path}`, input);
      await refresh();
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

/** "12,5" or "12.5" → 12.5; empty → null; anything else stays text so the schema reports it. */
export function toNumber(v: string): number | string | null {
  const t = v.trim().replace(',', '.');
  if (!t) return null;
  const n = Number(t);
  return Number.isFinite(n) ? n : v;
}

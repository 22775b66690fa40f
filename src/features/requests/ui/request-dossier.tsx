import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { z } from 'zod';
import { api } from '../../../web/api.ts';
import { day, InlineError, Loading, QueryError } from '../../../web/ui.tsx';
import { attachmentTypeLabels, attachmentTypes, type AttachmentType, type DossierItem } from '../schema.ts';
import { AttachmentView } from './request-attachment-view.tsx';
import { dossierItemsKey, errorText, ReqSection, useRefresh, type RequestData } from './request-kit.tsx';

type Item = z.infer<typeof DossierItem>;
type Busy = Record<string, boolean>;

export function HealthBadge() {
  return <span className="lr-badge lr-req-health">Gezondheid: toestemming nodig</span>;
}

/**
 * "Uit het dossier": what the school already recorded (OPP versions,
 * evaluations, meetings, logbook, documents, kwadrant) goes with the request
 * by ticking it; nothing is typed twice. Health items need consent.
 */
export function DossierPicker({ r, onFlash }: { r: RequestData; onFlash: (m: string) => void }) {
  return (
    <ReqSection
      id="dossier"
      title="Uit het dossier"
      intro="Vink aan wat het samenwerkingsverband moet zien. Bij indienen wordt vastgelegd wat er op dat moment gedeeld is."
    >
      <DossierChecklist r={r} onFlash={onFlash} />
    </ReqSection>
  );
}

/** The pupil's dossier as a checklist; after submission without what was sent already (that cannot be taken back). */
export function DossierChecklist({ r, onFlash }: { r: RequestData; onFlash: (m: string) => void }) {
  const client = useQueryClient();
  const refresh = useRefresh(r.id);
  const items = useQuery({ queryKey: dossierItemsKey(r.id), queryFn: () => api.get<Item[]>(`requests/${r.id}/dossier-items`) });
  /** Items being changed and the state each goes to: a box shows it at once, the server confirms. Several may be on their way. */
  const [busy, setBusy] = useState<Busy>({});
  const [error, setError] = useState<string | null>(null);

  async function toggle(item: Item) {
    const key = `${item.itemType}:${item.itemId}`;
    if (key in busy) return;
    setBusy((b) => ({ ...b, [key]: !item.attached }));
    setError(null);
    try {
      if (item.attached) {
        const a = r.attachments.find((x) => x.itemType === item.itemType && x.itemId === item.itemId && !x.removed);
        if (!a) throw new Error('not found');
        await api.delete(`requests/${r.id}/attachments/${a.id}`);
        onFlash(`“${item.label}” hoort niet meer bij de aanvraag.`);
      } else {
        await api.post(`requests/${r.id}/attachments`, { itemType: item.itemType, itemId: item.itemId });
        onFlash(r.status === 'draft' ? `“${item.label}” is toegevoegd aan de aanvraag.` : `“${item.label}” staat klaar om na te sturen.`);
      }
      await Promise.all([client.invalidateQueries({ queryKey: dossierItemsKey(r.id) }), refresh()]);
    } catch (e) {
      setError(errorText(e, 'Dat is niet gelukt. Herlaad de pagina en probeer het opnieuw.'));
    } finally {
      setBusy(({ [key]: _done, ...rest }) => rest);
    }
  }

  const open = items.data?.filter((i) => !i.shared) ?? [];
  return (
    <>
      <InlineError message={error} />
      {items.isPending ? (
        <Loading what="Dossier" />
      ) : items.isError ? (
        <QueryError error={items.error} />
      ) : open.length === 0 ? (
        <Paragraph className="lr-muted">Er staat {r.status === 'draft' ? 'nog' : 'verder'} niets in het dossier dat u kunt toevoegen.</Paragraph>
      ) : (
        attachmentTypes
          .map((type) => [type, open.filter((i) => i.itemType === type)] as const)
          .filter(([, list]) => list.length > 0)
          .map(([type, list]) => <Group key={type} type={type} list={list} busy={busy} onToggle={(i) => void toggle(i)} />)
      )}
    </>
  );
}

function Group({ type, list, busy, onToggle }: { type: AttachmentType; list: Item[]; busy: Busy; onToggle: (i: Item) => void }) {
  return (
    <fieldset className="lr-req-group" data-testid={`dossier-${type}`}>
      <legend className="lr-req-legend">
        {attachmentTypeLabels[type]} ({list.filter((i) => i.attached).length} van {list.length} toegevoegd)
      </legend>
      <ul className="lr-req-checklist">
        {list.map((i) => {
          const key = `${i.itemType}:${i.itemId}`;
          const id = `bijlage-${i.itemType}-${i.itemId}`;
          return (
            <li key={key}>
              <input
                id={id}
                type="checkbox"
                className="utrecht-checkbox utrecht-checkbox--html-input"
                checked={busy[key] ?? i.attached}
                disabled={i.confidential && !i.attached}
                aria-describedby={i.confidential ? `${id}-vertrouwelijk` : undefined}
                aria-busy={key in busy}
                onChange={() => onToggle(i)}
              />
              <label htmlFor={id}>
                {i.label} <span className="lr-muted">({day(i.itemDate)})</span>
              </label>{' '}
              {i.health && <HealthBadge />}
              {i.confidential && (
                <span id={`${id}-vertrouwelijk`} className="lr-badge">
                  Vertrouwelijk: blijft in het dossier, gaat niet mee met een aanvraag
                </span>
              )}
              {key in busy && (
                <span role="status" className="lr-muted">
                  {' '}
                  bezig…
                </span>
              )}
            </li>
          );
        })}
      </ul>
    </fieldset>
  );
}

/** After submission: what was shared, as a list (removed items say so). What waits to be sent is under "Stukken nasturen". */
export function AttachmentsList({ r }: { r: RequestData }) {
  const shown = r.status === 'draft' ? r.attachments : r.attachments.filter((a) => a.shared);
  return (
    <ReqSection id="dossier" title="Gedeeld uit het dossier">
      {shown.length === 0 ? (
        <Paragraph className="lr-muted">Er is niets uit het dossier gedeeld.</Paragraph>
      ) : (
        <ul className="lr-req-list">
          {shown.map((a) => (
            <li key={a.id} className={a.removed ? 'lr-req-removed' : undefined}>
              <strong>{attachmentTypeLabels[a.itemType]}</strong>: {a.label} <span className="lr-muted">({day(a.itemDate)})</span> {a.health && <HealthBadge />}
              {a.removed && <span className="lr-badge">Verwijderd</span>}
              <AttachmentView a={a} requestId={r.id} />
            </li>
          ))}
        </ul>
      )}
    </ReqSection>
  );
}

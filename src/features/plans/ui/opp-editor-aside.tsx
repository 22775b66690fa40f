import { useQueryClient } from '@tanstack/react-query';
import { SecondaryActionButton } from '@utrecht/component-library-react';
import { useRef, useState } from 'react';
import { api } from '../../../web/api.ts';
import { oppKey, StatusBadge, useAction, type OppPageData } from './opp-kit.tsx';
import { SendDialog } from './opp-send-dialog.tsx';

/** Status and actions beside the plan: save, what is missing, send to the parents, upgrade, PDF. */
export function OppEditorAside({
  p,
  id,
  editable,
  dirty,
  saving,
  revision,
  flash,
}: {
  p: OppPageData;
  id: string;
  editable: boolean;
  dirty: boolean;
  saving: boolean;
  revision: number;
  flash: (m: string) => void;
}) {
  const client = useQueryClient();
  const v = p.current;
  const [sendOpen, setSendOpen] = useState(false);
  const upgrade = useAction();
  const sendButton = useRef<HTMLButtonElement>(null);
  return (
    <aside className="lr-opp-aside" aria-labelledby="opp-aside-titel">
      <h2 className="utrecht-heading-2 lr-opp-aside__title" id="opp-aside-titel">
        Status en acties
      </h2>
      <p>
        <StatusBadge status={p.status} /> <span className="lr-muted">versie {v.number}</span>
      </p>
      {editable && (
        <>
          <div className="lr-opp-aside__save">
            <button type="submit" form="opp-form" className="utrecht-button utrecht-button--primary-action" disabled={saving}>
              Opslaan
            </button>
            <span className="lr-muted lr-small">{dirty ? 'Niet-opgeslagen wijzigingen' : 'Opgeslagen'}</span>
          </div>
          <h3 className="utrecht-heading-3">Nodig voor versturen</h3>
          {p.missing.length === 0 ? (
            <p className="lr-opp-complete">✓ Het plan is compleet.</p>
          ) : (
            <ul className="lr-opp-missing" aria-label="Wat nog ontbreekt">
              {p.missing.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          )}
          {dirty && <p className="lr-muted lr-small">Deze lijst gaat over de laatst opgeslagen versie.</p>}
        </>
      )}
      {p.allowed.send && (
        <>
          <button
            ref={sendButton}
            type="button"
            className="utrecht-button utrecht-button--primary-action lr-opp-aside__button"
            disabled={p.missing.length > 0 || dirty}
            aria-describedby={p.missing.length > 0 || dirty ? 'versturen-uitleg' : undefined}
            onClick={() => setSendOpen(true)}
          >
            Versturen naar ouders
          </button>
          {(p.missing.length > 0 || dirty) && (
            <p id="versturen-uitleg" className="lr-muted lr-small">
              {dirty ? 'Sla het plan eerst op.' : 'Versturen kan als het plan compleet is.'}
            </p>
          )}
          <SendDialog
            page={p}
            open={sendOpen}
            onClose={() => {
              setSendOpen(false);
              sendButton.current?.focus();
            }}
            onSent={() => {
              setSendOpen(false);
              flash('Het plan is verstuurd. De ontvangers krijgen een e-mail met een persoonlijke link.');
              window.setTimeout(() => document.getElementById('pagina-titel')?.focus(), 0);
            }}
          />
        </>
      )}
      {p.allowed.upgrade && (
        <div className="lr-opp-aside__block">
          {upgrade.error && <p className="lr-opp-field-error">{upgrade.error}</p>}
          <SecondaryActionButton
            type="button"
            className="lr-opp-aside__button"
            disabled={upgrade.busy || dirty}
            busy={upgrade.busy}
            onClick={() =>
              void upgrade.run(
                () => api.post(`opps/${id}/upgrade`, { revision }),
                async () => {
                  await client.invalidateQueries({ queryKey: oppKey(id) });
                  flash('Het plan is omgezet naar een volledig OPP. Alles wat er stond is bewaard; vul nu het uitstroomperspectief en de factoren aan.');
                },
              )
            }
          >
            Omzetten naar volledig OPP
          </SecondaryActionButton>
          {dirty && <p className="lr-muted lr-small">Sla het plan eerst op.</p>}
        </div>
      )}
      {p.allowed.downloadPdf && (
        <p>
          <a className="utrecht-link" href={`/api/opps/${id}/pdf`} download>
            Download als PDF
          </a>
        </p>
      )}
    </aside>
  );
}

import { ButtonGroup, Paragraph, PrimaryActionButton } from '@utrecht/component-library-react';
import { useState } from 'react';
import { Form, useForm } from '../../../web/use-form.tsx';
import { api } from '../../../web/api.ts';
import { Disclosure, fieldId, TextAreaField } from '../../../web/forms.tsx';
import { InlineError, Link } from '../../../web/ui.tsx';
import { requestPartLabels, WithdrawInput, type Missing } from '../schema.ts';
import { focusHeading, ReqSection, useAction, useRefresh, useSendTo, type RequestData } from './request-kit.tsx';

const whereLabels: Record<Missing['where'], string> = {
  request: 'Naar de tekst van de aanvraag',
  opp: 'Naar het OPP van de leerling',
  meetings: 'Naar de overleggen van de leerling',
  documents: 'Naar de documenten van de leerling',
  consent: 'Naar de toestemming',
};

/** The server's part names of the request's own texts → the form's fields. */
const textFields: Record<string, string> = { question: 'teksten.question', done_already: 'teksten.doneAlready', expectation: 'teksten.expectation', return_goal: 'teksten.returnGoal' };

/** Where a missing part is made: on this page (texts, consent) or in the pupil's dossier. */
function WhereLink({ m, pupilId }: { m: Missing; pupilId: string | null }) {
  const onPage = (anchor: string, field?: string) => (
    <a
      className="utrecht-link"
      href={`#${anchor}`}
      onClick={(e) => {
        e.preventDefault();
        const target = (field && document.getElementById(fieldId(field))) || document.getElementById(anchor)?.querySelector<HTMLElement>('textarea, input, button') || document.getElementById(`${anchor}-titel`);
        target?.scrollIntoView({ block: 'center' });
        target?.focus();
      }}
    >
      {whereLabels[m.where]}
    </a>
  );
  if (m.where === 'request') return onPage('teksten', textFields[m.part]);
  if (m.where === 'consent') return onPage('toestemming');
  if (!pupilId) return null;
  const anchor = { opp: 'opp', meetings: 'overleggen', documents: 'documenten' }[m.where];
  return <Link to={`/leerlingen/${pupilId}#${anchor}`}>{whereLabels[m.where]}</Link>;
}

/**
 * The completeness check and submission. The submit button stays disabled
 * while anything is missing; the reasons are listed next to it, each with a
 * link to where it is made.
 */
export function SubmitSection({ r, dirty, onFlash }: { r: RequestData; dirty: boolean; onFlash: (m: string) => void }) {
  const refresh = useRefresh(r.id);
  const submit = useAction();
  const missing = r.missing;
  const blocked = missing.length > 0 || dirty;
  const missingParts = new Set(missing.map((m) => m.part));

  async function send() {
    await submit.run(
      async () => {
        try {
          await api.post(`requests/${r.id}/submit`, { revision: r.revision });
        } catch (e) {
          // 400: the server's own check found something missing (or 409: changed meanwhile); the reloaded page lists it.
          await refresh();
          throw e;
        }
      },
      async () => {
        await refresh();
        onFlash('De aanvraag is ingediend bij het samenwerkingsverband.');
      },
    );
  }

  return (
    <ReqSection id="indienen" title="Compleet en indienen">
      {r.requiredParts.length > 0 && (
        <>
          <Paragraph>Het samenwerkingsverband vraagt bij deze aanvraag:</Paragraph>
          <ul className="lr-req-parts" data-testid="vereiste-onderdelen">
            {r.requiredParts.map((p) => (
              <li key={p} className={missingParts.has(p) ? 'lr-req-part lr-req-part--missing' : 'lr-req-part lr-req-part--done'}>
                <span className="lr-req-part__state">{missingParts.has(p) ? 'Ontbreekt' : 'In orde'}</span> {requestPartLabels[p]}
              </li>
            ))}
          </ul>
        </>
      )}
      {missing.length > 0 ? (
        <div className="lr-req-missing" id="ontbreekt" data-testid="ontbreekt">
          <h3 className="utrecht-heading-3">Nog niet compleet ({missing.length})</h3>
          <ul>
            {missing.map((m, i) => (
              <li key={`${m.part}-${i}`} data-part={m.part}>
                {m.message} <WhereLink m={m} pupilId={r.pupil?.id ?? null} />
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="lr-req-complete" data-testid="compleet">
          De aanvraag is compleet.
        </p>
      )}
      {dirty && (
        <p className="lr-inline-error" id="ontbreekt-opslaan">
          Sla eerst de tekst van de aanvraag op.
        </p>
      )}
      <InlineError message={submit.error} />
      <ButtonGroup>
        <PrimaryActionButton
          type="button"
          disabled={blocked || submit.busy}
          busy={submit.busy}
          aria-describedby={[missing.length ? 'ontbreekt' : null, dirty ? 'ontbreekt-opslaan' : null].filter(Boolean).join(' ') || undefined}
          onClick={() => void send()}
        >
          Aanvraag indienen
        </PrimaryActionButton>
      </ButtonGroup>
      {blocked && <Paragraph className="lr-muted">Indienen kan zodra alles hierboven in orde is.</Paragraph>}
    </ReqSection>
  );
}

/** The school withdraws a draft or an open request, with a reason the partnership reads. */
export function WithdrawBlock({ r, onFlash }: { r: RequestData; onFlash: (m: string) => void }) {
  const sendTo = useSendTo(r.id);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const form = useForm(WithdrawInput, sendTo('withdraw'), { prefix: 'intrekken' });
  if (!r.can.withdraw) return null;
  async function send() {
    const ok = await form.submit({ reason });
    if (ok) {
      setOpen(false);
      onFlash('De aanvraag is ingetrokken.');
      focusHeading('pagina-titel');
    }
  }
  return (
    <div className="lr-req-withdraw">
      <Disclosure id="intrekken-formulier" label="Aanvraag intrekken" open={open} onOpenChange={setOpen}>
        <Form form={form} aria-label="Aanvraag intrekken" onSubmit={send} labels={{ 'intrekken.reason': 'Reden' }} submit={{ label: 'Definitief intrekken' }}>
          <TextAreaField name="intrekken.reason" label="Waarom trekt u de aanvraag in?" rows={3} value={reason} onChange={setReason} />
        </Form>
      </Disclosure>
    </div>
  );
}

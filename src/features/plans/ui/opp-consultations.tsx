import { Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { api } from '../../../web/api.ts';
import { TextField, type FieldErrors } from '../../../web/forms.tsx';
import { day } from '../../../web/ui.tsx';
import { today } from '../../../platform/time.ts';
import { Form, useForm } from '../../../web/use-form.tsx';
import { ConsultationInput } from '../schema.ts';
import { focusHeading, useRefresh } from './opp-action-kit.ts';
import { Disclosure, OppSection, TextAreaField, type OppPageData } from './opp-kit.tsx';

// ── Gesprekken ────────────────────────────────────────────────────────────────

export function ConsultationsSection({ page, onFlash }: { page: OppPageData; onFlash: (m: string) => void }) {
  const [open, setOpen] = useState(false);
  return (
    <OppSection id="gesprekken" title="Gesprekken met ouders en leerling" intro="Op overeenstemming gericht overleg: leg vast wie er waren en wat is besproken.">
      {page.allowed.edit && (
        <Disclosure id="gesprek-formulier" label="Gesprek vastleggen" open={open} onOpenChange={setOpen} className="lr-opp-disclosure">
          <ConsultationForm
            page={page}
            onDone={() => {
              setOpen(false);
              focusHeading('gesprekken-titel');
              onFlash('Het gesprek is vastgelegd.');
            }}
          />
        </Disclosure>
      )}
      {page.consultations.length === 0 ? (
        <Paragraph className="lr-muted">Nog geen gesprekken vastgelegd.</Paragraph>
      ) : (
        <ul className="lr-opp-records">
          {page.consultations.map((c) => (
            <li key={c.id}>
              <h3 className="utrecht-heading-3">Gesprek op {day(c.heldOn)}</h3>
              <dl className="lr-opp-dl">
                <dt>Aanwezig</dt>
                <dd>{c.participants}</dd>
                <dt>Besproken</dt>
                <dd className="lr-opp-text">{c.notes}</dd>
                {c.pupilView && (
                  <>
                    <dt>Mening van de leerling</dt>
                    <dd className="lr-opp-text">{c.pupilView}</dd>
                  </>
                )}
              </dl>
              <p className="lr-muted lr-small">Vastgelegd door {c.recordedBy.name}</p>
            </li>
          ))}
        </ul>
      )}
    </OppSection>
  );
}

function ConsultationForm({ page, onDone }: { page: OppPageData; onDone: () => void }) {
  const refresh = useRefresh(page.id);
  const [v, setV] = useState({ heldOn: today(), participants: '', notes: '', pupilView: '' });
  const set = (k: keyof typeof v) => (x: string) => setV((o) => ({ ...o, [k]: x }));
  const form = useForm(
    ConsultationInput,
    async (input) => {
      await api.post(`opps/${page.id}/consultations`, input);
      setV({ heldOn: today(), participants: '', notes: '', pupilView: '' });
      await refresh();
      onDone();
    },
    { prefix: 'gesprek' },
  );
  const labels = { 'gesprek.heldOn': 'Datum', 'gesprek.participants': 'Wie waren erbij', 'gesprek.notes': 'Wat is besproken', 'gesprek.pupilView': 'Mening van de leerling' };
  async function submit() {
    const found: FieldErrors = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v.heldOn)) found['gesprek.heldOn'] = 'Vul de datum in.';
    if (!v.participants.trim()) found['gesprek.participants'] = 'Wie waren erbij?';
    if (!v.notes.trim()) found['gesprek.notes'] = 'Wat is besproken?';
    if (Object.keys(found).length) return form.fail(found);
    await form.submit(v);
  }
  return (
    <Form form={form} className="lr-form lr-opp-panel" aria-label="Gesprek vastleggen" labels={labels} onSubmit={submit} submit={{ label: 'Gesprek opslaan' }}>
      <TextField name="gesprek.heldOn" label="Datum van het gesprek" type="date" value={v.heldOn} onChange={set('heldOn')} />
      <TextField name="gesprek.participants" label="Wie waren erbij?" description="Bijvoorbeeld: moeder, mentor, intern begeleider" value={v.participants} onChange={set('participants')} />
      <TextAreaField name="gesprek.notes" label="Wat is besproken?" rows={4} value={v.notes} onChange={set('notes')} />
      <TextAreaField name="gesprek.pupilView" label="Mening van de leerling (optioneel)" rows={3} value={v.pupilView} onChange={set('pupilView')} />
    </Form>
  );
}

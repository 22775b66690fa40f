import { Heading2, Heading3, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { z } from 'zod';
import { api, type Json } from '../../../web/api.ts';
import { DateField } from '../../../web/date-fields.tsx';
import { RadioGroup, SelectField, TextAreaField, TextField } from '../../../web/forms.tsx';
import { TableWrap } from '../../../web/list-table.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';
import { dateTime, day } from '../../../web/ui.tsx';
import { AdviceInput, adviceOutcomeLabels, EnforceInput, MeetingInput, PutOnTableInput, tablePartyKindLabels, tablePartyKinds, type RegistrationView } from '../schema.ts';

type View = Json<RegistrationView>;
type Table = NonNullable<View['table']>;

const kindOptions = tablePartyKinds.map((k) => ({ value: k, label: tablePartyKindLabels[k] }));

/** Puts the registration on the partnership's placement table, with the reason the school reads and the partnership's own notes. */
export function PutOnTableForm({ r, onDone }: { r: View; onDone: () => void }) {
  const [v, setV] = useState({ reason: '', notes: '' });
  const form = useForm(PutOnTableInput, (input: z.output<typeof PutOnTableInput>) => api.post(`zorgplicht/registrations/${r.id}/table`, input), { prefix: 'tafel', onDone });
  return (
    <section aria-labelledby="tafel-leggen-titel" className="lr-card">
      <Heading2 id="tafel-leggen-titel">Aan de plaatsingstafel leggen</Heading2>
      <Paragraph>Komt deze aanmelding niet verder? Leg haar aan de plaatsingstafel van het samenwerkingsverband. De school ziet dat zij aan tafel ligt en leest de reden; uw eigen aantekeningen niet.</Paragraph>
      <Form form={form} labels={{ 'tafel.reason': 'Reden', 'tafel.notes': 'Aantekeningen' }} submit={{ label: 'Aan tafel leggen' }} onSubmit={() => form.submit(v)}>
        <TextAreaField name="tafel.reason" label="Reden (de school leest dit)" value={v.reason} onChange={(x) => setV((o) => ({ ...o, reason: x }))} />
        <TextAreaField name="tafel.notes" label="Aantekeningen van het samenwerkingsverband (de school ziet dit niet)" value={v.notes} onChange={(x) => setV((o) => ({ ...o, notes: x }))} />
      </Form>
    </section>
  );
}

function MeetingForm({ r, t, onDone }: { r: View; t: Table; onDone: () => void }) {
  const [meetingOn, setMeetingOn] = useState(t.meeting?.on ?? '');
  const [parties, setParties] = useState<{ kind: string; name: string }[]>(t.meeting?.parties ?? [{ kind: 'parents', name: '' }, { kind: 'school', name: r.school.name }]);
  const form = useForm(MeetingInput, (input: z.output<typeof MeetingInput>) => api.post(`zorgplicht/registrations/${r.id}/table/meeting`, input), { prefix: 'overleg', onDone });
  const labels: Record<string, string> = { 'overleg.meetingOn': 'Datum overleg', 'overleg.parties': 'Wie zijn erbij' };
  parties.forEach((_, i) => {
    labels[`overleg.parties.${i}.kind`] = `Partij ${i + 1}: soort`;
    labels[`overleg.parties.${i}.name`] = `Partij ${i + 1}: naam`;
  });
  const set = (i: number, patch: Partial<{ kind: string; name: string }>) => setParties((ps) => ps.map((p, j) => (j === i ? { ...p, ...patch } : p)));
  return (
    <section aria-labelledby="overleg-titel" className="lr-card">
      <Heading3 id="overleg-titel">{t.meeting ? 'Overleg verplaatsen of aanvullen' : 'Overleg plannen'}</Heading3>
      <Form form={form} labels={labels} submit={{ label: 'Overleg opslaan' }} onSubmit={() => form.submit({ meetingOn, parties })}>
        <DateField name="overleg.meetingOn" label="Datum overleg" value={meetingOn} onChange={setMeetingOn} />
        <fieldset className="lr-zp-fieldset">
          <legend>Wie zijn erbij (ouders, scholen, samenwerkingsverband, ketenpartners)</legend>
          {parties.map((p, i) => (
            <div key={i} className="lr-zp-row">
              <SelectField name={`overleg.parties.${i}.kind`} label={`Partij ${i + 1}: soort`} value={p.kind} onChange={(x) => set(i, { kind: x })} options={kindOptions} />
              <TextField name={`overleg.parties.${i}.name`} label={`Partij ${i + 1}: naam`} value={p.name} onChange={(x) => set(i, { name: x })} />
              <button type="button" className="utrecht-button utrecht-button--subtle" onClick={() => setParties((ps) => ps.filter((_, j) => j !== i))}>
                Verwijder partij {i + 1}
              </button>
            </div>
          ))}
          <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => setParties((ps) => [...ps, { kind: 'chain_partner', name: '' }])}>
            Partij toevoegen
          </button>
        </fieldset>
      </Form>
    </section>
  );
}

interface ActionRow {
  party: string;
  description: string;
  dueOn: string;
}

function AdviceForm({ r, t, onDone }: { r: View; t: Table; onDone: () => void }) {
  const [v, setV] = useState({ outcome: '', schoolId: '', offer: '', motivation: '' });
  const [actions, setActions] = useState<ActionRow[]>([{ party: '', description: '', dueOn: '' }]);
  const form = useForm(AdviceInput, (input: z.output<typeof AdviceInput>) => api.post(`zorgplicht/registrations/${r.id}/table/advice`, input), { prefix: 'advies', onDone });
  const labels: Record<string, string> = { 'advies.outcome': 'Uitkomst', 'advies.schoolId': 'School', 'advies.offer': 'Ander aanbod', 'advies.motivation': 'Motivering', 'advies.actions': 'Afspraken' };
  actions.forEach((_, i) => {
    labels[`advies.actions.${i}.party`] = `Afspraak ${i + 1}: wie`;
    labels[`advies.actions.${i}.description`] = `Afspraak ${i + 1}: wat`;
    labels[`advies.actions.${i}.dueOn`] = `Afspraak ${i + 1}: uiterlijk`;
  });
  const set = (i: number, patch: Partial<ActionRow>) => setActions((as) => as.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  return (
    <section aria-labelledby="advies-titel" className="lr-card">
      <Heading3 id="advies-titel">Bindend advies vastleggen</Heading3>
      <Paragraph>De uitkomst van de plaatsingstafel, met de motivering en wat elke partij doet, en wanneer. De school van de aanmelding leest het advies.</Paragraph>
      <Form
        form={form}
        labels={labels}
        submit={{ label: 'Advies vastleggen' }}
        onSubmit={() => form.submit({ outcome: v.outcome || undefined, schoolId: v.outcome === 'school' && v.schoolId ? v.schoolId : null, offer: v.outcome === 'other' ? v.offer : '', motivation: v.motivation, actions })}
      >
        <RadioGroup name="advies.outcome" legend="Uitkomst" value={v.outcome} onChange={(x) => setV((o) => ({ ...o, outcome: x }))} options={[
          { value: 'school', label: adviceOutcomeLabels.school },
          { value: 'other', label: adviceOutcomeLabels.other },
        ]} />
        {v.outcome === 'school' && (
          <SelectField name="advies.schoolId" label="School die de leerling plaatst" value={v.schoolId} onChange={(x) => setV((o) => ({ ...o, schoolId: x }))} placeholder="Kies een school" options={t.schools.map((s) => ({ value: s.id, label: s.name }))} />
        )}
        {v.outcome === 'other' && <TextAreaField name="advies.offer" label="Het andere aanbod" value={v.offer} onChange={(x) => setV((o) => ({ ...o, offer: x }))} />}
        <TextAreaField name="advies.motivation" label="Motivering" value={v.motivation} onChange={(x) => setV((o) => ({ ...o, motivation: x }))} />
        <fieldset className="lr-zp-fieldset">
          <legend>Afspraken: wie doet wat, uiterlijk wanneer</legend>
          {actions.map((a, i) => (
            <div key={i} className="lr-zp-row">
              <TextField name={`advies.actions.${i}.party`} label={`Afspraak ${i + 1}: wie`} value={a.party} onChange={(x) => set(i, { party: x })} />
              <TextField name={`advies.actions.${i}.description`} label={`Afspraak ${i + 1}: wat`} value={a.description} onChange={(x) => set(i, { description: x })} />
              <DateField name={`advies.actions.${i}.dueOn`} label={`Afspraak ${i + 1}: uiterlijk`} value={a.dueOn} onChange={(x) => set(i, { dueOn: x })} />
              {actions.length > 1 && (
                <button type="button" className="utrecht-button utrecht-button--subtle" onClick={() => setActions((as) => as.filter((_, j) => j !== i))}>
                  Verwijder afspraak {i + 1}
                </button>
              )}
            </div>
          ))}
          <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => setActions((as) => [...as, { party: '', description: '', dueOn: '' }])}>
            Afspraak toevoegen
          </button>
        </fieldset>
      </Form>
    </section>
  );
}

function DecisionForm({ r, t, onDone }: { r: View; t: Table; onDone: () => void }) {
  const [v, setV] = useState({ schoolId: '', offer: '', motivation: '' });
  const form = useForm(EnforceInput, (input: z.output<typeof EnforceInput>) => api.post(`zorgplicht/registrations/${r.id}/table/decision`, input), { prefix: 'doorzetten', onDone });
  return (
    <section aria-labelledby="doorzetten-titel" className="lr-card">
      <Heading3 id="doorzetten-titel">Plaatsingsbesluit (doorzettingsmacht)</Heading3>
      <Paragraph>Het samenwerkingsverband heeft u als directeur doorzettingsmacht gegeven. Uw besluit wordt vastgelegd met uw naam en het tijdstip, en is zichtbaar voor de school.</Paragraph>
      <Form
        form={form}
        labels={{ 'doorzetten.schoolId': 'School', 'doorzetten.offer': 'Ander aanbod', 'doorzetten.motivation': 'Motivering' }}
        submit={{ label: 'Besluit vastleggen' }}
        onSubmit={() => form.submit({ schoolId: v.schoolId || null, offer: v.offer, motivation: v.motivation })}
      >
        <SelectField name="doorzetten.schoolId" label="School die de leerling plaatst" value={v.schoolId} onChange={(x) => setV((o) => ({ ...o, schoolId: x }))} options={[{ value: '', label: 'Geen school: een ander aanbod' }, ...t.schools.map((s) => ({ value: s.id, label: s.name }))]} />
        {!v.schoolId && <TextAreaField name="doorzetten.offer" label="Het andere aanbod" value={v.offer} onChange={(x) => setV((o) => ({ ...o, offer: x }))} />}
        <TextAreaField name="doorzetten.motivation" label="Motivering" value={v.motivation} onChange={(x) => setV((o) => ({ ...o, motivation: x }))} />
      </Form>
    </section>
  );
}

function Actions({ t, onDone }: { t: Table; onDone: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const done = async (id: string) => {
    setError(null);
    try {
      await api.post(`zorgplicht/table-actions/${id}/done`, {});
      onDone();
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Er ging iets mis. Probeer het opnieuw.');
    }
  };
  if (t.actions.length === 0) return null;
  return (
    <>
      <Heading3>Afspraken</Heading3>
      {error && <Paragraph role="alert">{error}</Paragraph>}
      <TableWrap label="Afspraken van de plaatsingstafel">
        <Table>
          <TableHeader>
            <TableRow>
              <TableHeaderCell scope="col">Wie</TableHeaderCell>
              <TableHeaderCell scope="col">Wat</TableHeaderCell>
              <TableHeaderCell scope="col">Uiterlijk</TableHeaderCell>
              <TableHeaderCell scope="col">Stand</TableHeaderCell>
            </TableRow>
          </TableHeader>
          <TableBody>
            {t.actions.map((a, i) => (
              <TableRow key={a.id}>
                <TableHeaderCell scope="row">{a.party}</TableHeaderCell>
                <TableCell>{a.description}</TableCell>
                <TableCell>{day(a.dueOn)}</TableCell>
                <TableCell>
                  {a.done ? `Gedaan (${dateTime(a.done.at)}, ${a.done.by})` : a.overdue ? <span className="lr-badge lr-zp-flag">te laat</span> : 'Open'}
                  {a.allowed.done && (
                    <>
                      {' '}
                      <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => void done(a.id)}>
                        Gedaan<span className="lr-visually-hidden"> (afspraak {i + 1})</span>
                      </button>
                    </>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </TableWrap>
    </>
  );
}

/** The placement table on the registration: what the school reads (reason, meeting, binding advice, actions, decision) and, for the partnership, its notes and forms. */
export function TableSection({ r, onDone }: { r: View; onDone: (message: string) => () => void }) {
  const t = r.table;
  if (!t) return null;
  return (
    <section aria-labelledby="plaatsingstafel-titel">
      <Heading2 id="plaatsingstafel-titel">Plaatsingstafel</Heading2>
      <Paragraph>
        {t.placed ? 'De leerling is geplaatst; de plaatsingstafel is afgerond.' : 'Deze aanmelding ligt aan de plaatsingstafel van het samenwerkingsverband.'} Aan tafel gelegd op {dateTime(t.putAt)} door {t.putBy}.
      </Paragraph>
      <dl className="lr-zp-facts">
        <dt>Reden</dt>
        <dd>{t.reason}</dd>
        {t.notes !== null && (
          <>
            <dt>Aantekeningen (alleen samenwerkingsverband)</dt>
            <dd>{t.notes || '—'}</dd>
          </>
        )}
        <dt>Overleg</dt>
        <dd>{t.meeting ? `${day(t.meeting.on)}, met ${t.meeting.parties.map((p) => `${p.name} (${tablePartyKindLabels[p.kind].toLowerCase()})`).join(', ')}` : 'Nog niet gepland'}</dd>
        <dt>Bindend advies</dt>
        <dd>
          {t.advice
            ? `${t.advice.school ? `${t.advice.school.name} plaatst de leerling` : `Ander aanbod: ${t.advice.offer}`}. ${t.advice.motivation} (vastgelegd ${dateTime(t.advice.at)} door ${t.advice.by})`
            : 'Nog geen advies'}
        </dd>
        {t.decision && (
          <>
            <dt>Plaatsingsbesluit directeur (doorzettingsmacht)</dt>
            <dd>
              {t.decision.school ? `${t.decision.school.name} plaatst de leerling` : `Ander aanbod: ${t.decision.offer}`}. {t.decision.motivation} (besloten {dateTime(t.decision.at)} door {t.decision.by})
            </dd>
          </>
        )}
      </dl>
      <Actions t={t} onDone={onDone('De afspraak staat op gedaan.')} />
      {t.allowed.plan && <MeetingForm r={r} t={t} onDone={onDone('Het overleg is opgeslagen.')} />}
      {t.allowed.advise && <AdviceForm r={r} t={t} onDone={onDone('Het bindend advies is vastgelegd. De school ziet het op de aanmelding.')} />}
      {t.allowed.enforce && <DecisionForm r={r} t={t} onDone={onDone('Het plaatsingsbesluit is vastgelegd.')} />}
    </section>
  );
}

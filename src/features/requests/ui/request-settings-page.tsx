import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Fieldset, FieldsetLegend, Heading2, Paragraph, PrimaryActionButton, SecondaryActionButton, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { z } from 'zod';
import { api } from '../../../web/api.ts';
import { CheckboxField, maxLengthOf, SelectField, TextAreaField, TextField, useFields } from '../../../web/forms.tsx';
import { euro, Loading, Notice, PageTitle, QueryError } from '../../../web/ui.tsx';
import {
  ArrangementKindInput,
  arrangementScopeLabels,
  arrangementScopes,
  requestKindLabels,
  requestPartLabels,
  requestParts,
  RequestSettings,
  type ArrangementKind,
  type RequestPart,
} from '../schema.ts';
import { Form, useForm } from '../../../web/use-form.tsx';
import { TableWrap } from '../../../web/list-table.tsx';

type Kind = z.infer<typeof ArrangementKind>;
type Settings = z.infer<typeof RequestSettings>;
const num = (v: string) => (v.trim() === '' ? null : Number(v.replace(',', '.')));

/** Checkboxes for the parts a request must have; `name` prefixes the field ids. */
function PartsField({ name, legend, value, onChange }: { name: string; legend: string; value: RequestPart[]; onChange: (v: RequestPart[]) => void }) {
  return (
    <Fieldset>
      <FieldsetLegend>{legend}</FieldsetLegend>
      {requestParts.map((p) => (
        <CheckboxField
          key={p}
          name={`${name}-${p}`}
          label={requestPartLabels[p]}
          checked={value.includes(p)}
          onChange={(on) => onChange(on ? [...value, p] : value.filter((x) => x !== p))}
        />
      ))}
    </Fieldset>
  );
}

function SettingsForm({ settings, onSaved }: { settings: Settings; onSaved: () => void }) {
  const [s, setS] = useState(settings);
  const [days, setDays] = useState(() => Object.fromEntries(Object.entries(settings.decisionTargetDays).map(([k, v]) => [k, String(v)])) as Record<keyof Settings['decisionTargetDays'], string>);
  const [weeks, setWeeks] = useState(String(settings.objectionWeeks));
  const form = useForm(RequestSettings, (input: Settings) => api.put('request-settings', input), { onDone: onSaved });
  const labels = { objectionCommittee: 'Commissie voor bezwaar', objectionWeeks: 'Bezwaartermijn in weken' };
  return (
    <Form
      form={form}
      className="lr-form lr-card"
      aria-labelledby="instellingen-titel"
      onSubmit={() => {
        const target = Object.fromEntries(Object.entries(days).map(([k, v]) => [k, num(v)]));
        return form.submit({ ...s, decisionTargetDays: target, objectionWeeks: num(weeks) });
      }}
      labels={labels}
      intro={<Heading2 id="instellingen-titel">Termijnen en verplichte onderdelen</Heading2>}
      submit={{ label: 'Opslaan' }}
    >
      <Fieldset>
        <FieldsetLegend>Streefdatum voor het besluit (dagen na indienen)</FieldsetLegend>
        {(Object.keys(days) as (keyof typeof days)[]).map((k) => (
          <TextField key={k} name={`decisionTargetDays.${k}`} label={requestKindLabels[k]} inputMode="numeric" value={days[k]} onChange={(v) => setDays({ ...days, [k]: v })} />
        ))}
      </Fieldset>
      {(['tlv', 'opdc', 'consultation'] as const).map((k) => (
        <PartsField key={k} name={`parts-${k}`} legend={`Verplicht bij ${requestKindLabels[k].toLowerCase()}`} value={s.requiredParts[k]} onChange={(v) => setS({ ...s, requiredParts: { ...s.requiredParts, [k]: v } })} />
      ))}
      <Paragraph>De verplichte onderdelen van een arrangement stelt u per arrangement in, hieronder.</Paragraph>
      <TextField name="objectionCommittee" label={labels.objectionCommittee} description="Staat in elke besluitbrief." value={s.objectionCommittee} onChange={(v) => setS({ ...s, objectionCommittee: v })} />
      <TextField name="objectionWeeks" label={labels.objectionWeeks} inputMode="numeric" value={weeks} onChange={setWeeks} />
    </Form>
  );
}

function KindForm({ kind, onDone, onCancel }: { kind: Kind | null; onDone: (m: string) => void; onCancel: () => void }) {
  const { values, set } = useFields({
    name: kind?.name ?? '',
    offers: kind?.offers ?? '',
    scope: kind?.scope ?? 'pupil',
    amountEur: kind?.amountEur?.toString() ?? '',
    hours: kind?.hours?.toString() ?? '',
    maxWeeks: kind?.maxWeeks.toString() ?? '',
    evaluationWeeks: kind?.evaluationWeeks.toString() ?? '',
  });
  const [parts, setParts] = useState<RequestPart[]>(kind?.requiredParts ?? ['opp_agreed_recent', 'parent_consent']);
  const [active, setActive] = useState(kind?.active ?? true);
  const form = useForm(
    ArrangementKindInput,
    (input: z.output<typeof ArrangementKindInput>) => (kind ? api.put(`arrangement-kinds/${kind.id}`, input) : api.post('arrangement-kinds', input)), { onDone: () => onDone(kind ? 'Het arrangement is opgeslagen.' : 'Het arrangement is toegevoegd.') });
  const labels = { name: 'Naam', offers: 'Wat het biedt', scope: 'Voor wie', amountEur: 'Bedrag (euro)', hours: 'Uren', maxWeeks: 'Maximale duur (weken)', evaluationWeeks: 'Eerste evaluatie na (weken)' };
  return (
    <Form
      form={form}
      className="lr-form lr-card"
      aria-labelledby="arrangement-form-titel"
      onSubmit={() =>
        form.submit({ ...values, amountEur: num(values.amountEur), hours: num(values.hours), maxWeeks: num(values.maxWeeks), evaluationWeeks: num(values.evaluationWeeks), requiredParts: parts, active })
      }
      labels={labels}
      intro={<Heading2 id="arrangement-form-titel">{kind ? `${kind.name} bewerken` : 'Nieuw arrangement'}</Heading2>}
      submit={{ label: 'Opslaan' }}
      actions={
        <SecondaryActionButton type="button" onClick={onCancel}>
          Annuleren
        </SecondaryActionButton>
      }
    >
      <TextField name="name" label={labels.name} value={values.name} onChange={set('name')} />
      <TextAreaField name="offers" label={labels.offers} value={values.offers} onChange={set('offers')} rows={3} maxLength={maxLengthOf(ArrangementKindInput.shape.offers)} />
      <SelectField name="scope" label={labels.scope} value={values.scope} onChange={set('scope')} options={arrangementScopes.map((s) => ({ value: s, label: arrangementScopeLabels[s] }))} />
      <TextField name="amountEur" label={labels.amountEur} inputMode="numeric" value={values.amountEur} onChange={set('amountEur')} description="Een bedrag, een aantal uren, of allebei." />
      <TextField name="hours" label={labels.hours} inputMode="numeric" value={values.hours} onChange={set('hours')} />
      <TextField name="maxWeeks" label={labels.maxWeeks} inputMode="numeric" value={values.maxWeeks} onChange={set('maxWeeks')} />
      <TextField name="evaluationWeeks" label={labels.evaluationWeeks} inputMode="numeric" value={values.evaluationWeeks} onChange={set('evaluationWeeks')} />
      <PartsField name="kind-parts" legend="Verplichte onderdelen bij de aanvraag" value={parts} onChange={setParts} />
      <CheckboxField name="active" label="Scholen kunnen dit arrangement aanvragen" checked={active} onChange={setActive} />
    </Form>
  );
}

/** The partnership's settings for requests: terms, required parts, and its arrangement kinds (admin and director). */
export function RequestSettingsPage() {
  const client = useQueryClient();
  const settings = useQuery({ queryKey: ['request-settings'], queryFn: () => api.get<Settings>('request-settings') });
  const kinds = useQuery({ queryKey: ['arrangement-kinds', 'all'], queryFn: () => api.get<Kind[]>('arrangement-kinds/all') });
  const [editing, setEditing] = useState<Kind | 'new' | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const done = (m: string) => {
    setEditing(null);
    setMessage(m);
    void client.invalidateQueries({ queryKey: ['arrangement-kinds'] });
  };
  return (
    <>
      <PageTitle title="Instellingen aanvragen" />
      <Paragraph>Wat een school bij een aanvraag moet meesturen, en binnen welke termijn het samenwerkingsverband besluit. Scholen zien dit vóór het indienen.</Paragraph>
      {message && <Notice>{message}</Notice>}
      {settings.isPending && <Loading what="Instellingen" />}
      {settings.isError && <QueryError error={settings.error} />}
      {settings.isSuccess && <SettingsForm settings={settings.data} onSaved={() => setMessage('De instellingen zijn opgeslagen.')} />}
      <section aria-labelledby="arrangementen-titel">
        <Heading2 id="arrangementen-titel">Arrangementen</Heading2>
        {!editing && (
          <PrimaryActionButton type="button" onClick={() => setEditing('new')}>
            Nieuw arrangement
          </PrimaryActionButton>
        )}
        {editing && <KindForm key={editing === 'new' ? 'new' : editing.id} kind={editing === 'new' ? null : editing} onDone={done} onCancel={() => setEditing(null)} />}
        {kinds.isPending && <Loading what="Arrangementen" />}
        {kinds.isError && <QueryError error={kinds.error} />}
        {kinds.isSuccess && (
          <TableWrap label="Soorten arrangementen">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">Naam</TableHeaderCell>
                  <TableHeaderCell scope="col">Voor wie</TableHeaderCell>
                  <TableHeaderCell scope="col">Bedrag</TableHeaderCell>
                  <TableHeaderCell scope="col">Uren</TableHeaderCell>
                  <TableHeaderCell scope="col">Duur</TableHeaderCell>
                  <TableHeaderCell scope="col">Status</TableHeaderCell>
                  <TableHeaderCell scope="col">
                    <span className="lr-visually-hidden">Acties</span>
                  </TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {kinds.data.map((k) => (
                  <TableRow key={k.id}>
                    <TableCell>{k.name}</TableCell>
                    <TableCell>{arrangementScopeLabels[k.scope]}</TableCell>
                    <TableCell>{euro(k.amountEur)}</TableCell>
                    <TableCell>{k.hours ?? '—'}</TableCell>
                    <TableCell>{k.maxWeeks} weken, evaluatie na {k.evaluationWeeks}</TableCell>
                    <TableCell>{k.active ? 'Actief' : 'Niet meer aan te vragen'}</TableCell>
                    <TableCell>
                      <SecondaryActionButton type="button" onClick={() => setEditing(k)}>
                        Bewerken<span className="lr-visually-hidden"> {k.name}</span>
                      </SecondaryActionButton>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableWrap>
        )}
      </section>
    </>
  );
}

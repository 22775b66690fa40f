import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import type { z } from 'zod';
import { api, type Json } from '../../../web/api.ts';
import { plausible, DateField } from '../../../web/date-fields.tsx';
import { CheckboxField, RadioGroup, SelectField, TextAreaField, TextField, maxLengthOf } from '../../../web/forms.tsx';
import { Link, Loading, Notice, PageTitle, QueryError, dateTime, day } from '../../../web/ui.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';
import { today } from '../../../platform/time.ts';
import { CloseInput, EntryInput, MembersInput, OpenInput, PupilSearch, outcomeLabels, outcomes, stepLabels, steps, type FileList, type FileView } from '../schema.ts';

type Files = Json<z.infer<typeof FileList>>;
type File = Json<z.infer<typeof FileView>>;
const listKey = ['meldcode'] as const;
const fileKey = (id: string) => ['meldcode', id] as const;

const PRIVACY = 'Alleen de aandachtsfunctionaris en de collega’s die hij of zij toevoegt zien dit. Het staat niet in het leerlingdossier en niet in het auditlog; ouders, het samenwerkingsverband en andere collega’s zien niet dat het bestaat.';

/** The meldcode files the reader keeps or was added to, and opening a new one. */
export function MeldcodePage() {
  const files = useQuery({ queryKey: listKey, queryFn: () => api.get<Files>('meldcode') });
  return (
    <>
      <PageTitle title="Meldcode huiselijk geweld en kindermishandeling" />
      <Paragraph>{PRIVACY}</Paragraph>
      {files.isPending ? (
        <Loading what="Dossiers" />
      ) : files.isError ? (
        <QueryError error={files.error} />
      ) : (
        <>
          {files.data.canOpenAt.length > 0 && <OpenFile schools={files.data.canOpenAt} />}
          <Heading2>Dossiers</Heading2>
          {files.data.files.length === 0 ? (
            <Paragraph className="lr-muted">Er zijn geen meldcodedossiers voor u.</Paragraph>
          ) : (
            <div className="lr-table-wrap" tabIndex={0} role="region" aria-label="Meldcodedossiers">
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Leerling</TableHeaderCell>
                    <TableHeaderCell scope="col">School</TableHeaderCell>
                    <TableHeaderCell scope="col">Geopend</TableHeaderCell>
                    <TableHeaderCell scope="col">Laatste stap</TableHeaderCell>
                    <TableHeaderCell scope="col">Status</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {files.data.files.map((f) => (
                    <TableRow key={f.id}>
                      <TableCell>
                        <Link to={`/meldcode/${f.id}`}>{f.pupil.name}</Link>
                      </TableCell>
                      <TableCell>{f.school.name}</TableCell>
                      <TableCell>{dateTime(f.openedAt)}</TableCell>
                      <TableCell>{f.lastStep ? `${stepLabels[f.lastStep as 1]} (${day(f.lastEntryOn)})` : 'Nog geen stap'}</TableCell>
                      <TableCell>{f.closedOn ? `Gesloten op ${day(f.closedOn)}: ${outcomeLabels[f.outcome!]}` : 'Open'}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
        </>
      )}
    </>
  );
}

/** The aandachtsfunctionaris finds a pupil of their school and opens a file. */
function OpenFile({ schools }: { schools: Files['canOpenAt'] }) {
  const navigate = useNavigate();
  const [schoolId, setSchoolId] = useState(schools[0]!.id);
  const [q, setQ] = useState('');
  const [asked, setAsked] = useState('');
  const [pupilId, setPupilId] = useState('');
  const found = useQuery({
    queryKey: ['meldcode', 'pupils', schoolId, asked],
    queryFn: () => api.get<{ pupils: { id: string; name: string; studentNumber: string; birthDate: string }[] }>('meldcode/pupils', { schoolId, q: asked }),
    enabled: asked.length > 0,
  });
  // 'Zoeken' checks the search as the server does (a name or number is needed), then asks for the pupils.
  const search = useForm(PupilSearch, async ({ q: wanted }) => {
    setAsked(wanted);
    setPupilId('');
  }, { fieldName: () => 'zoek' });
  const form = useForm(OpenInput, (input: z.output<typeof OpenInput>) => api.post<{ id: string }>('meldcode', input), {
    prefix: 'openen',
    onDone: (r) => navigate(`/meldcode/${r.id}`),
  });
  return (
    <section aria-labelledby="meldcode-openen">
      <Heading2 id="meldcode-openen">Nieuw dossier</Heading2>
      <Form form={search} role="search" aria-label="Leerling zoeken" className="lr-filters" onSubmit={() => search.submit({ q })} labels={{ zoek: 'Leerling' }} submit={{ label: 'Zoeken', secondary: true }}>
        {schools.length > 1 && <SelectField name="meldcode-school" label="School" value={schoolId} onChange={setSchoolId} options={schools.map((s) => ({ value: s.id, label: s.name }))} />}
        <TextField name="zoek" label="Leerling (naam of leerlingnummer)" type="search" value={q} onChange={setQ} autoComplete="off" />
      </Form>
      {found.isError && <QueryError error={found.error} />}
      {found.data && (
        <Form form={form} aria-label="Dossier openen" onSubmit={() => form.submit({ pupilId })} submit={{ label: 'Dossier openen' }} disabledReason={pupilId ? undefined : 'Kies eerst een leerling.'}>
          {found.data.pupils.length === 0 ? (
            <Paragraph>Geen leerling gevonden met “{asked}”.</Paragraph>
          ) : (
            <RadioGroup
              name={form.name('pupilId')}
              legend="Voor welke leerling?"
              value={pupilId}
              onChange={setPupilId}
              options={found.data.pupils.map((p) => ({ value: p.id, label: `${p.name} (${p.studentNumber}, geboren ${day(p.birthDate)})` }))}
            />
          )}
        </Form>
      )}
    </section>
  );
}

/** One file: its steps in order, recording the next, who sees it, and closing it. */
export function MeldcodeFilePage() {
  const { id } = useParams() as { id: string };
  const file = useQuery({ queryKey: fileKey(id), queryFn: () => api.get<File>(`meldcode/${id}`) });
  if (file.isPending) return <Loading what="Dossier" />;
  if (file.isError) return <QueryError error={file.error} />;
  const f = file.data;
  return (
    <>
      <PageTitle title={`Meldcode: ${f.pupil.name}`} />
      <Paragraph>
        {f.school.name} · geopend op {dateTime(f.openedAt)} door {f.openedBy.name}
        {f.closedOn && ` · gesloten op ${day(f.closedOn)}`}
      </Paragraph>
      <Notice type="info">{PRIVACY}</Notice>
      {f.closedOn && (
        <Notice type="ok">
          {outcomeLabels[f.outcome!]}. {f.outcomeNote}
        </Notice>
      )}
      <Heading2>Stappen</Heading2>
      {steps.map((s) => {
        const entries = f.entries.filter((e) => e.step === s);
        return (
          <section key={s} aria-label={stepLabels[s]} className="lr-meldcode-step">
            <h3 className="utrecht-heading-3">{stepLabels[s]}</h3>
            {entries.length === 0 ? (
              <Paragraph className="lr-muted">Nog niets vastgelegd.</Paragraph>
            ) : (
              <ul>
                {entries.map((e) => (
                  <li key={e.id}>
                    <strong>{day(e.happenedOn)}</strong> ({e.recordedBy.name}): <span className="lr-prewrap">{e.notes}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
      {f.allowed.record && <RecordStep file={f} />}
      <Heading2>Wie ziet dit dossier</Heading2>
      <Paragraph>
        Aandachtsfunctionaris: {f.officers.map((o) => o.name).join(', ') || '—'}.{' '}
        {f.members.length > 0 ? `Toegevoegd: ${f.members.map((m) => `${m.name} (sinds ${dateTime(m.addedAt)})`).join(', ')}.` : 'Geen collega’s toegevoegd.'}
      </Paragraph>
      {f.allowed.manageMembers && <Members file={f} />}
      {f.allowed.close && <CloseFile file={f} />}
      <Paragraph>
        <Link to="/meldcode">Terug naar de meldcode</Link>
      </Paragraph>
    </>
  );
}

function RecordStep({ file }: { file: File }) {
  const client = useQueryClient();
  const next = Math.min(5, (file.lastStep ?? 0) + 1);
  const [step, setStep] = useState(String(next));
  const [happenedOn, setHappenedOn] = useState(today());
  const [notes, setNotes] = useState('');
  const form = useForm(EntryInput, (input: z.output<typeof EntryInput>) => api.post(`meldcode/${file.id}/entries`, input), {
    prefix: 'stap',
    onDone: async () => {
      setNotes('');
      await client.invalidateQueries({ queryKey: fileKey(file.id) });
    },
  });
  return (
    <Form form={form} aria-label="Stap vastleggen" onSubmit={() => form.submit({ step: Number(step), happenedOn, notes })} submit={{ label: 'Vastleggen' }} intro={<Heading2>Stap vastleggen</Heading2>}>
      <SelectField name={form.name('step')} label="Stap" value={step} onChange={setStep} options={steps.map((s) => ({ value: String(s), label: stepLabels[s] }))} />
      <DateField name={form.name('happenedOn')} label="Datum" value={happenedOn} onChange={setHappenedOn} plausible={plausible.past()} />
      <TextAreaField name={form.name('notes')} label="Wat is er gebeurd of besproken?" value={notes} onChange={setNotes} rows={6} maxLength={maxLengthOf(EntryInput.shape.notes)} />
    </Form>
  );
}

function Members({ file }: { file: File }) {
  const client = useQueryClient();
  const [chosen, setChosen] = useState<string[]>(file.members.map((m) => m.id));
  const form = useForm(MembersInput, (input: z.output<typeof MembersInput>) => api.put(`meldcode/${file.id}/members`, input), {
    prefix: 'collegas',
    onDone: () => client.invalidateQueries({ queryKey: fileKey(file.id) }),
  });
  const toggle = (id: string, on: boolean) => setChosen((c) => (on ? [...c, id] : c.filter((x) => x !== id)));
  return (
    <Form form={form} aria-label="Collega’s toevoegen" onSubmit={() => form.submit({ userIds: chosen })} submit={{ label: 'Opslaan' }} intro={<Paragraph>Voeg alleen collega’s toe die het dossier nodig hebben voor hun werk met deze leerling.</Paragraph>}>
      <fieldset>
        <legend>Collega’s die dit dossier zien</legend>
        {file.colleagues.map((c) => (
          <CheckboxField key={c.id} name={`collega-${c.id}`} label={c.name} checked={chosen.includes(c.id)} onChange={(on) => toggle(c.id, on)} />
        ))}
      </fieldset>
    </Form>
  );
}

function CloseFile({ file }: { file: File }) {
  const client = useQueryClient();
  const [outcome, setOutcome] = useState('');
  const [closedOn, setClosedOn] = useState(today());
  const [note, setNote] = useState('');
  const form = useForm(CloseInput, (input: z.output<typeof CloseInput>) => api.post(`meldcode/${file.id}/close`, input), {
    prefix: 'sluiten',
    onDone: () => client.invalidateQueries({ queryKey: fileKey(file.id) }),
  });
  return (
    <Form
      form={form}
      aria-label="Dossier sluiten"
      intro={<Heading2>Dossier sluiten</Heading2>}
      onSubmit={() => form.submit({ outcome: outcome || undefined, closedOn, note })}
      submit={{ label: 'Dossier sluiten' }}
      disabledReason={outcome ? undefined : 'Kies eerst hoe het dossier eindigt.'}
    >
      <RadioGroup name={form.name('outcome')} legend="Hoe eindigt het dossier?" value={outcome} onChange={setOutcome} options={outcomes.map((o) => ({ value: o, label: outcomeLabels[o] }))} />
      <DateField name={form.name('closedOn')} label="Datum" value={closedOn} onChange={setClosedOn} plausible={plausible.past()} />
      <TextAreaField name={form.name('note')} label="Toelichting (niet verplicht)" value={note} onChange={setNote} maxLength={maxLengthOf(CloseInput.shape.note)} />
    </Form>
  );
}

/** The privacy officer's export of the meldcode's own trail. */
export function MeldcodeLogPage() {
  return (
    <>
      <PageTitle title="Logboek meldcode" />
      <Paragraph>
        Het logboek van de meldcode staat apart van het auditlog: wie wanneer een meldcodedossier opende, bekeek, een stap vastlegde of collega’s toevoegde, en wie iets probeerde
        te openen dat niet voor hem of haar was. Het noemt dossiers en scholen, geen leerlingen en geen inhoud.
      </Paragraph>
      <Paragraph>
        <a href="/api/meldcode-log.csv" download>
          Logboek downloaden (CSV)
        </a>
      </Paragraph>
    </>
  );
}

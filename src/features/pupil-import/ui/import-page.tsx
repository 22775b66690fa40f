import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  ButtonGroup,
  FormField,
  FormFieldErrorMessage,
  FormLabel,
  Heading2,
  Heading3,
  Paragraph,
  PrimaryActionButton,
  SecondaryActionButton,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
} from '@utrecht/component-library-react';
import { useState } from 'react';
import { useParams } from 'react-router';
import { z } from 'zod';
import { api, ApiError } from '../../../web/api.ts';
import { today } from '../../../platform/time.ts';
import { CheckboxField, fieldId, SelectField, TextField } from '../../../web/forms.tsx';
import { DateField, plausible } from '../../../web/date-fields.tsx';
import { dateTime, day, Loading, Notice, PageTitle, QueryError } from '../../../web/ui.tsx';
import { CsvMapping, IMPORT_EXPIRED, importFormats, importStatusLabels, leaverQuestion, type ImportJob, type ImportList, type MappingResponse } from '../schema.ts';
import { Form, useForm } from '../../../web/use-form.tsx';

type Job = z.infer<typeof ImportJob>;
const mappingFields: [keyof z.input<typeof CsvMapping>, string, boolean][] = [
  ['studentNumber', 'Leerlingnummer', true],
  ['firstName', 'Roepnaam / voornaam', true],
  ['prefix', 'Voorvoegsel', false],
  ['lastName', 'Achternaam', true],
  ['birthDate', 'Geboortedatum (dd-mm-jjjj of jjjj-mm-dd)', true],
  ['className', 'Klas', false],
  ['level', 'Niveau', false],
  ['eckId', 'ECK iD', false],
  ['bsn', 'BSN (alleen om leerlingen te herkennen; wordt nooit getoond)', false],
  ['key', 'Sleutel in het leerlingvolgsysteem', false],
  ['parent1Name', 'Ouder 1: naam', false],
  ['parent1Email', 'Ouder 1: e-mailadres', false],
  ['parent1Phone', 'Ouder 1: telefoon', false],
  ['parent1Authority', 'Ouder 1: gezag (ja/nee; zonder deze kolom: ja)', false],
  ['parent2Name', 'Ouder 2: naam', false],
  ['parent2Email', 'Ouder 2: e-mailadres', false],
  ['parent2Phone', 'Ouder 2: telefoon', false],
  ['parent2Authority', 'Ouder 2: gezag (ja/nee; zonder deze kolom: ja)', false],
];

function MappingForm({ schoolId, onDone }: { schoolId: string; onDone: () => void }) {
  const current = useQuery({ queryKey: ['import-mapping', schoolId], queryFn: () => api.get<z.infer<typeof MappingResponse>>(`schools/${schoolId}/import-mapping`) });
  const [values, setValues] = useState<Record<string, string> | null>(null);
  const form = useForm(CsvMapping, (input: z.output<typeof CsvMapping>) => api.put(`schools/${schoolId}/import-mapping`, input), { onDone: onDone });
  if (current.isPending) return <Loading what="Kolomindeling" />;
  if (current.isError) return <QueryError error={current.error} />;
  const v = values ?? Object.fromEntries(mappingFields.map(([k]) => [k, current.data.mapping?.[k] ?? '']));
  return (
    <section className="lr-card" aria-labelledby="kolommen-titel">
      <Heading2 id="kolommen-titel">Kolomindeling voor CSV-bestanden</Heading2>
      <Paragraph>Vul per gegeven de kolomkop in zoals die in de export van uw leerlingadministratie staat. Leerrecht onthoudt dit voor uw school. Staan de ouders in de export, dan neemt Leerrecht ze over in het dossier; ouders die de school zelf invoerde of wijzigde blijven staan.</Paragraph>
      <Form form={form} onSubmit={() => form.submit(v)} submit={{ label: 'Kolomindeling opslaan' }}>
        {mappingFields.map(([k, label, required]) => (
          <TextField key={k} name={k} label={required ? label : `${label} (optioneel)`} value={v[k] ?? ''} onChange={(x) => setValues({ ...v, [k]: x })} />
        ))}
      </Form>
    </section>
  );
}

/**
 * The upload as the browser checks it. The server reads the multipart body
 * itself (readUpload in routes.ts) and answers with errors on the same fields.
 */
const UploadInput = z.object({
  format: z.enum(importFormats),
  referenceDate: z.string(),
  file: z.instanceof(File, { error: 'Kies een bestand.' }),
});
const uploadLabels = { format: 'Soort bestand', referenceDate: 'Datum van de export', file: 'Bestand' };

function UploadForm({ schoolId, onStarted }: { schoolId: string; onStarted: (id: string) => void }) {
  const [format, setFormat] = useState('edexml');
  const [exportDate, setExportDate] = useState(today());
  const [file, setFile] = useState<File | null>(null);
  const form = useForm(
    UploadInput,
    (input: z.output<typeof UploadInput>) => {
      const body = new FormData();
      body.append('format', input.format);
      if (input.format === 'csv') body.append('referenceDate', input.referenceDate);
      body.append('file', input.file);
      return api.post<{ id: string }>(`schools/${schoolId}/imports`, body);
    },
    { onDone: (res) => onStarted(res.id) },
  );
  return (
    <section className="lr-card" aria-labelledby="upload-titel">
      <Heading2 id="upload-titel">Bestand inlezen</Heading2>
      <Paragraph>Lees de export van uw leerlingadministratie in (EDEXML 2.1 of CSV). U ziet eerst wat er verandert; pas na &lsquo;Toepassen&rsquo; wordt iets opgeslagen.</Paragraph>
      <Form form={form} onSubmit={() => form.submit({ format, referenceDate: exportDate, file })} labels={uploadLabels} submit={{ label: 'Inlezen' }}>
        <SelectField name="format" label={uploadLabels.format} value={format} onChange={setFormat} options={[{ value: 'edexml', label: 'EDEXML 2.1 (.xml)' }, { value: 'csv', label: 'CSV (kolommen zoals hieronder ingesteld)' }]} />
        {format === 'csv' && (
          <DateField
            name="referenceDate"
            label={uploadLabels.referenceDate}
            value={exportDate}
            onChange={setExportDate}
            description="Leerlingen die niet in het bestand staan, zijn vanaf deze datum uitgeschreven. Pas hem aan als de export van een eerdere dag is."
            plausible={plausible.past()}
          />
        )}
        <FormField invalid={!!form.errors.file}>
          <FormLabel htmlFor={fieldId('file')}>{uploadLabels.file}</FormLabel>
          {form.errors.file && (
            <FormFieldErrorMessage id={`${fieldId('file')}-fout`} className="lr-field-error">
              {form.errors.file}
            </FormFieldErrorMessage>
          )}
          <input
            id={fieldId('file')}
            name="file"
            type="file"
            accept=".xml,.csv,text/xml,text/csv"
            aria-invalid={form.errors.file ? true : undefined}
            aria-describedby={form.errors.file ? `${fieldId('file')}-fout` : undefined}
            onChange={(e) => setFile(e.target.files?.[0] ?? null)}
          />
        </FormField>
      </Form>
    </section>
  );
}

function PupilTable({ caption, rows, columns }: { caption: string; rows: Record<string, string | null>[]; columns: [string, string][] }) {
  if (rows.length === 0) return null;
  return (
    <Table>
      <caption className="lr-caption">{caption}</caption>
      <TableHeader>
        <TableRow>
          {columns.map(([, label]) => (
            <TableHeaderCell key={label} scope="col">
              {label}
            </TableHeaderCell>
          ))}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r, i) => (
          <TableRow key={i}>
            {columns.map(([k]) => (
              <TableCell key={k}>{r[k] ?? '—'}</TableCell>
            ))}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}

const working: string[] = ['queued', 'parsing', 'applying'];

function JobView({ id, onClosed }: { id: string; onClosed: () => void }) {
  const client = useQueryClient();
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [leaversConfirmed, setLeaversConfirmed] = useState(false);
  const job = useQuery({
    queryKey: ['import', id],
    queryFn: () => api.get<Job>(`imports/${id}`),
    // Poll while a background job (reading or applying) works; stop once there is something to show.
    refetchInterval: (q) => (q.state.data && !working.includes(q.state.data.status) ? false : 700),
  });
  if (job.isPending) return <Loading what="Import" />;
  if (job.isError) return <QueryError error={job.error} />;
  const j = job.data;
  const p = j.preview;
  const askLeavers = !!p && j.status === 'ready' && (p.leaversNeedConfirmation ?? (p.enrolled === undefined && p.counts.leavers > 0));
  const act = async (what: 'apply' | 'cancel') => {
    setBusy(true);
    setError(null);
    try {
      await api.post(`imports/${id}/${what}`, what === 'apply' && askLeavers && leaversConfirmed ? { confirmLeavers: p!.counts.leavers } : {});
      setMessage(what === 'apply' ? null : 'De import is geannuleerd.');
      await client.invalidateQueries({ queryKey: ['import', id] });
      await client.invalidateQueries({ queryKey: ['imports'] });
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Er ging iets mis. Probeer het opnieuw.');
    } finally {
      setBusy(false);
    }
  };
  return (
    <section className="lr-card" aria-labelledby="import-titel" aria-live="polite">
      <Heading2 id="import-titel">
        {j.filename}: {importStatusLabels[j.status].toLowerCase()}
      </Heading2>
      {message && <Notice>{message}</Notice>}
      {error && <Notice type="error">{error}</Notice>}
      {j.status === 'applied' && <Notice>De wijzigingen zijn toegepast.</Notice>}
      {j.applyError && <Notice type="error">{j.applyError}</Notice>}
      {j.expired && (
        <>
          <Notice type="info">{IMPORT_EXPIRED}</Notice>
          <Paragraph>In het bestand stonden: {countsText(j.expired.counts)}.</Paragraph>
        </>
      )}
      {working.includes(j.status) && (
        <p>
          <label htmlFor="import-voortgang">
            Voortgang:{' '}
            {j.status === 'applying'
              ? j.total
                ? `${j.progress} van ${j.total} wijzigingen toegepast`
                : 'wijzigingen worden toegepast'
              : j.total
                ? `${j.progress} van ${j.total} leerlingen`
                : 'bestand wordt gecontroleerd'}
          </label>{' '}
          <progress id="import-voortgang" max={j.total || undefined} value={j.total ? j.progress : undefined} />
        </p>
      )}
      {j.errors.length > 0 && (
        <>
          <Notice type="error">Het bestand is geweigerd; er is niets ingelezen. Pas de export aan en lees hem opnieuw in.</Notice>
          <PupilTable
            caption="Fouten in het bestand"
            rows={j.errors.map((e) => ({ line: e.line === null ? null : String(e.line), element: e.element, message: e.message, detail: e.detail ?? null }))}
            columns={[['line', 'Regel'], ['element', 'Element / kolom'], ['message', 'Wat is er mis'], ['detail', 'Technische melding']]}
          />
        </>
      )}
      {p && (
        <>
          <Paragraph>
            Schooljaar {p.schoolYear}: {countsText(p.counts)}.
          </Paragraph>
          {p.counts.newPupils + p.counts.classChanges + p.counts.leavers + p.counts.updated + p.counts.newClasses === 0 && <Notice type="info">Er verandert niets: de gegevens zijn al bijgewerkt.</Notice>}
          <Heading3>Nieuwe leerlingen</Heading3>
          <PupilTable caption="Nieuwe leerlingen" rows={p.newPupils} columns={[['studentNumber', 'Leerlingnummer'], ['name', 'Naam'], ['className', 'Klas']]} />
          <Heading3>Klaswisselingen</Heading3>
          <PupilTable caption="Klaswisselingen" rows={p.classChanges} columns={[['studentNumber', 'Leerlingnummer'], ['name', 'Naam'], ['from', 'Van'], ['to', 'Naar']]} />
          <Heading3>Vertrokken leerlingen</Heading3>
          {p.counts.leavers > 0 && p.referenceDate && (
            <Paragraph>Hun inschrijving eindigt op {day(p.referenceDate)}, de datum van de export (of eerder, als het bestand de dag van vertrek noemt).</Paragraph>
          )}
          <PupilTable caption="Vertrokken leerlingen" rows={p.leavers} columns={[['studentNumber', 'Leerlingnummer'], ['name', 'Naam'], ['className', 'Klas']]} />
          <PupilTable caption="Gewijzigde gegevens" rows={p.updated.map((u) => ({ ...u, fields: u.fields.join(', ') }))} columns={[['studentNumber', 'Leerlingnummer'], ['name', 'Naam'], ['fields', 'Gewijzigd']]} />
          <PupilTable caption="Overgeslagen" rows={p.warnings.map((w) => ({ element: w.element, message: w.message }))} columns={[['element', 'Leerling'], ['message', 'Reden']]} />
        </>
      )}
      {askLeavers && j.allowed.apply && (
        <>
          <Notice type="warning">{leaverQuestion(p!.counts.leavers, p!.enrolled ?? p!.counts.leavers)} Is het bestand volledig en van deze school?</Notice>
          <CheckboxField
            name="leaversConfirmed"
            label={`Ja, deze ${p!.counts.leavers} leerlingen hebben de school verlaten.`}
            checked={leaversConfirmed}
            onChange={setLeaversConfirmed}
          />
        </>
      )}
      <ButtonGroup>
        {j.allowed.apply && (
          <PrimaryActionButton type="button" disabled={busy} busy={busy} onClick={() => void act('apply')}>
            Toepassen
          </PrimaryActionButton>
        )}
        {j.allowed.cancel && (
          <SecondaryActionButton type="button" disabled={busy} onClick={() => void act('cancel')}>
            Annuleren
          </SecondaryActionButton>
        )}
        <SecondaryActionButton type="button" onClick={onClosed}>
          Sluiten
        </SecondaryActionButton>
      </ButtonGroup>
    </section>
  );
}


/** The counts of an import, as one sentence part. */
function countsText(c: NonNullable<z.infer<typeof ImportJob>['expired']>['counts']) {
  return `${c.newPupils} nieuwe leerlingen, ${c.classChanges} klaswisselingen, ${c.leavers} vertrokken leerlingen, ${c.updated} met gewijzigde gegevens, ${c.unchanged} ongewijzigd, ${c.newClasses} nieuwe klassen${c.skipped ? `, ${c.skipped} overgeslagen` : ''}`;
}

export function ImportPage() {
  const { id: schoolId = '' } = useParams();
  const client = useQueryClient();
  const [jobId, setJobId] = useState<string | null>(null);
  const [mapping, setMapping] = useState(false);
  const list = useQuery({ queryKey: ['imports', schoolId], queryFn: () => api.get<z.infer<typeof ImportList>>(`schools/${schoolId}/imports`) });
  return (
    <>
      <PageTitle title="Leerlingen importeren" />
      {list.isPending && <Loading what="Imports" />}
      {list.isError && <QueryError error={list.error} />}
      {list.isSuccess && (
        <>
          {jobId ? (
            <JobView id={jobId} onClosed={() => setJobId(null)} />
          ) : (
            <UploadForm
              schoolId={schoolId}
              onStarted={(id) => {
                setJobId(id);
                void client.invalidateQueries({ queryKey: ['imports', schoolId] });
              }}
            />
          )}
          <ButtonGroup>
            <SecondaryActionButton type="button" aria-expanded={mapping} onClick={() => setMapping(!mapping)}>
              {mapping ? 'Kolomindeling verbergen' : 'Kolomindeling voor CSV instellen'}
            </SecondaryActionButton>
          </ButtonGroup>
          {mapping && <MappingForm schoolId={schoolId} onDone={() => setMapping(false)} />}
          <Heading2>Eerdere imports</Heading2>
          {list.data.imports.length === 0 ? (
            <Paragraph>Nog geen imports.</Paragraph>
          ) : (
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">Bestand</TableHeaderCell>
                  <TableHeaderCell scope="col">Status</TableHeaderCell>
                  <TableHeaderCell scope="col">Door</TableHeaderCell>
                  <TableHeaderCell scope="col">Ingelezen</TableHeaderCell>
                  <TableHeaderCell scope="col">Wijzigingen</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {list.data.imports.map((i) => (
                  <TableRow key={i.id}>
                    <TableCell>
                      <button type="button" className="lr-link-button" onClick={() => setJobId(i.id)}>
                        {i.filename}
                      </button>
                    </TableCell>
                    <TableCell>{importStatusLabels[i.status]}</TableCell>
                    <TableCell>{i.createdBy}</TableCell>
                    <TableCell>{dateTime(i.createdAt)}</TableCell>
                    <TableCell>{i.counts ? `${i.counts.newPupils} nieuw, ${i.counts.classChanges} klaswissel, ${i.counts.leavers} vertrokken` : i.errorCount ? `${i.errorCount} fouten` : '—'}</TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </>
      )}
    </>
  );
}

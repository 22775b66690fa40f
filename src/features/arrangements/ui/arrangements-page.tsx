import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Heading, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import { schoolYearOf, today } from '../../../platform/time.ts';
import { api } from '../../../web/api.ts';
import { useFlash } from '../../../web/actions.tsx';
import { CheckboxField, maxLengthOf, RadioGroup, SelectField, TextAreaField, TextField } from '../../../web/forms.tsx';
import { DateField, plausible } from '../../../web/date-fields.tsx';
import { ExportLinks, ListToolbar, SortHeader, TableWrap, useListParams, useListSort } from '../../../web/list-table.tsx';
import { useFilterSchools, useMay, useSchoolsWhere } from '../../../web/session.tsx';
import { day, euro, Link, Loading, Notice, PageTitle, Pager, QueryError } from '../../../web/ui.tsx';
import {
  arrangementSortKeys, arrangementStatuses, arrangementStatusLabels, evaluationOutcomeLabels, evaluationOutcomes, EvaluationInput, goalsReachedLabels, goalsReachedValues,
  type ArrangementPage, type Commitments, type EvaluationResult,
} from '../schema.ts';
import { Form, useForm } from '../../../web/use-form.tsx';

type Page = z.infer<typeof ArrangementPage>;
type Row = Page['rows'][number];

const cents = (n: number | null) => (n === null ? null : n / 100);
const who = (r: Row) => r.pupil?.name ?? (r.groupDescription || 'Groep of team');

/** The pupil's name links to their page, else to the request that granted it, where the reader may open them; a group is plain text. */
function Who({ row }: { row: Row }) {
  if (row.pupil && row.allowed.openPupil) return <Link to={`/leerlingen/${row.pupil.id}`}>{row.pupil.name}</Link>;
  if (row.allowed.openRequest) return <Link to={`/aanvragen/${row.requestId}`}>{who(row)}</Link>;
  return <>{who(row)}</>;
}

function EvaluationBadge({ row }: { row: Row }) {
  if (row.evaluation === 'overdue') return <span className="lr-badge lr-req-waiting">te laat</span>;
  if (row.evaluation === 'due') return <span className="lr-badge lr-req-open">binnen 2 weken</span>;
  return null;
}

/** The school's evaluation of one arrangement; the server's schema checks the form before it is sent. */
function EvaluationForm({ row, onDone, onCancel }: { row: Row; onDone: (r: z.infer<typeof EvaluationResult>) => void; onCancel: () => void }) {
  const [values, setValues] = useState({ heldOn: today(), goalsReached: '', notes: '', outcome: '' });
  const set = (k: keyof typeof values) => (v: string) => setValues((o) => ({ ...o, [k]: v }));
  const form = useForm(EvaluationInput, (input) => api.post<z.infer<typeof EvaluationResult>>(`arrangements/${row.id}/evaluations`, input), { onDone: onDone });
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [row.id]);
  return (
    <section aria-labelledby="evaluatie-titel" className="lr-req-section">
      <h2 className="utrecht-heading-2" id="evaluatie-titel" tabIndex={-1} ref={heading}>
        Evaluatie: {who(row)}
      </h2>
      <Paragraph className="lr-muted">
        {row.arrangementKind?.name ?? 'OPDC-plaatsing'}, {day(row.startsOn)} tot {day(row.endsOn)}.
      </Paragraph>
      {row.kind === 'opdc' && row.returnGoal && (
        <Paragraph>
          <strong>Terugkeerdoel:</strong> {row.returnGoal}
        </Paragraph>
      )}
      <Form
        form={form}
        className=""
        onSubmit={() => form.submit(values)}
        labels={{ heldOn: 'Datum', goalsReached: 'Doelen bereikt', notes: 'Toelichting', outcome: 'Hoe verder' }}
        submit={{ label: 'Evaluatie opslaan' }}
        actions={
          <Button type="button" appearance="secondary-action-button" onClick={onCancel}>
            Annuleren
          </Button>
        }
      >
        <DateField name="heldOn" label="Datum van de evaluatie" value={values.heldOn} onChange={set('heldOn')} plausible={plausible.past()} />
        <RadioGroup
          name="goalsReached"
          legend="Zijn de doelen bereikt?"
          value={values.goalsReached}
          onChange={set('goalsReached')}
          options={goalsReachedValues.map((v) => ({ value: v, label: goalsReachedLabels[v] }))}
          inline
        />
        <TextAreaField
          name="notes"
          label="Toelichting"
          description="Wat ging goed, wat niet, en wat betekent dat voor de leerling?"
          value={values.notes}
          onChange={set('notes')}
          maxLength={maxLengthOf(EvaluationInput.shape.notes)}
        />
        <RadioGroup
          name="outcome"
          legend="Hoe gaat het verder?"
          value={values.outcome}
          onChange={set('outcome')}
          options={evaluationOutcomes.map((v) => ({ value: v, label: evaluationOutcomeLabels[v] }))}
        />
      </Form>
    </section>
  );
}

/** What the partnership has committed per school in a period (amounts and hours); for the budget. */
function CommitmentsBlock() {
  const [start, end] = schoolYearOf(new Date()).split('-');
  const [period, setPeriod] = useState({ from: `${start}-08-01`, to: `${end}-07-31` });
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(period.from) && /^\d{4}-\d{2}-\d{2}$/.test(period.to) && period.from <= period.to;
  const data = useQuery({ queryKey: ['arrangement-commitments', period], queryFn: () => api.get<z.infer<typeof Commitments>>('arrangements/commitments', period), enabled: valid });
  const line = (label: string, c: z.infer<typeof Commitments>['total'], total = false) => (
    <TableRow key={label}>
      <TableHeaderCell scope="row">{total ? <strong>{label}</strong> : label}</TableHeaderCell>
      <TableCell>{c.arrangements}</TableCell>
      <TableCell>{euro(cents(c.amountCents))}</TableCell>
      <TableCell>{euro(cents(c.amountInPeriodCents))}</TableCell>
      <TableCell>{c.hours}</TableCell>
      <TableCell>{c.hoursInPeriod.toLocaleString('nl-NL')}</TableCell>
    </TableRow>
  );
  return (
    <section aria-labelledby="toegezegd">
      <Heading level={2} id="toegezegd">
        Toegezegd per school
      </Heading>
      <Paragraph>Arrangementen en OPDC-plaatsingen die (deels) in de periode vallen. “In de periode” is het deel naar rato van de dagen. Alleen aantallen en bedragen.</Paragraph>
      <div className="lr-filters">
        <TextField name="van" label="Van" type="date" value={period.from} onChange={(v) => setPeriod((p) => ({ ...p, from: v }))} />
        <TextField name="tot" label="Tot en met" type="date" value={period.to} onChange={(v) => setPeriod((p) => ({ ...p, to: v }))} error={valid ? undefined : 'Kies een begindatum voor de einddatum.'} />
      </div>
      {data.isPending && valid && <Loading what="Bedragen" />}
      {data.isError && <QueryError error={data.error} />}
      {data.isSuccess && (
        <TableWrap label="Toegezegd per school">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">School</TableHeaderCell>
                <TableHeaderCell scope="col">Aantal</TableHeaderCell>
                <TableHeaderCell scope="col">Bedrag</TableHeaderCell>
                <TableHeaderCell scope="col">Bedrag in periode</TableHeaderCell>
                <TableHeaderCell scope="col">Uren</TableHeaderCell>
                <TableHeaderCell scope="col">Uren in periode</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.data.schools.map((s) => line(s.school.name, s.committed))}
              {line('Totaal', data.data.total, true)}
            </TableBody>
          </Table>
        </TableWrap>
      )}
    </section>
  );
}

/** Arrangementen: granted arrangements and OPDC places with their evaluations; the school's support team evaluates. */
export function ArrangementsPage() {
  const may = useMay();
  const partnership = !!may.followAllArrangements;
  const allowedHere = !!may.followArrangements;
  const schools = useFilterSchools(partnership, useSchoolsWhere('followArrangements'));
  const { params, set: setMany } = useListParams();
  const set = (key: string, value: string) => setMany({ [key]: value });
  const sort = useListSort(arrangementSortKeys, { key: 'nextEvaluation', dir: 'asc' });
  const filters = {
    q: params.get('zoek') ?? undefined,
    schoolId: params.get('school') ?? undefined,
    status: params.get('status') ?? undefined,
    due: params.get('evaluatie') === '1' ? 'true' : undefined,
    sort: sort.key,
    dir: sort.dir,
  };
  const query = { ...filters, page: Number(params.get('pagina') ?? '1') || 1 };
  const list = useQuery({ queryKey: ['arrangements', query], queryFn: () => api.get<Page>('arrangements', query), enabled: allowedHere });
  const client = useQueryClient();
  const navigate = useNavigate();
  const [evaluating, setEvaluating] = useState<Row | null>(null);
  const { flash, notice } = useFlash({ testId: 'aanvraag-melding' });

  if (!allowedHere) {
    return (
      <>
        <PageTitle title="Arrangementen" />
        <Notice type="info">Dit overzicht is voor de OCO, het ondersteuningsteam en de schoolleiding, en voor het samenwerkingsverband.</Notice>
      </>
    );
  }
  const done = (row: Row) => async (r: z.infer<typeof EvaluationResult>) => {
    setEvaluating(null);
    await client.invalidateQueries({ queryKey: ['arrangements'] });
    // Asking for more: the prefilled request is where the school goes on.
    if (r.extensionRequestId) return navigate(`/aanvragen/${r.extensionRequestId}`);
    const next = r.status === 'ended' ? 'Het arrangement is beëindigd.' : `Volgende evaluatie: ${day(r.nextEvaluationOn)}.`;
    flash(`Evaluatie van ${who(row)} opgeslagen. ${next}`);
  };
  const data = list.data;
  return (
    <>
      <PageTitle title="Arrangementen" />
      <Paragraph>
        {partnership
          ? 'Alle toegekende arrangementen en OPDC-plaatsingen, met de evaluaties van de scholen.'
          : 'De toegekende arrangementen en OPDC-plaatsingen van uw school. Evalueer ze op tijd: de evaluatie bepaalt of het arrangement doorloopt, stopt of verlengd moet worden.'}
      </Paragraph>
      {notice}
      <ListToolbar label="Arrangementen zoeken en filteren" search={{ label: 'Zoek op leerling of groep', value: filters.q ?? '', onSearch: (v) => set('zoek', v) }}>
        {schools.length > 1 && (
          <SelectField name="school" label="School" value={query.schoolId ?? ''} onChange={(v) => set('school', v)} options={[{ value: '', label: 'Alle scholen' }, ...schools.map((s) => ({ value: s.id, label: s.name }))]} />
        )}
        <SelectField
          name="status"
          label="Status"
          value={query.status ?? ''}
          onChange={(v) => set('status', v)}
          options={[{ value: '', label: 'Alle statussen' }, ...arrangementStatuses.map((s) => ({ value: s, label: arrangementStatusLabels[s] }))]}
        />
        <CheckboxField name="evaluatie" label="Alleen met evaluatie binnen 2 weken of te laat" checked={query.due === 'true'} onChange={(v) => set('evaluatie', v ? '1' : '')} />
      </ListToolbar>
      {list.isPending && <Loading what="Arrangementen" />}
      {list.isError && <QueryError error={list.error} />}
      {data && data.rows.length === 0 && <Paragraph>Geen arrangementen in deze selectie.</Paragraph>}
      {data && data.rows.length > 0 && (
        <TableWrap label="Arrangementen">
          <Table>
            <TableHeader>
              <TableRow>
                <SortHeader column="pupil" label="Leerling of groep" sort={sort} />
                <SortHeader column="school" label="School" sort={sort} />
                <SortHeader column="arrangement" label="Arrangement" sort={sort} />
                <SortHeader column="amount" label="Bedrag / uren" sort={sort} />
                <SortHeader column="startsOn" label="Periode" sort={sort} />
                <SortHeader column="status" label="Status" sort={sort} />
                <SortHeader column="nextEvaluation" label="Volgende evaluatie" sort={sort} />
                <TableHeaderCell scope="col">Laatste evaluatie</TableHeaderCell>
                <TableHeaderCell scope="col">Actie</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {data.rows.map((r) => (
                <TableRow key={r.id}>
                  <TableHeaderCell scope="row">
                    <Who row={r} />
                  </TableHeaderCell>
                  <TableCell>{r.school.name}</TableCell>
                  <TableCell>{r.kind === 'opdc' ? 'OPDC-plaatsing' : (r.arrangementKind?.name ?? 'Arrangement')}</TableCell>
                  <TableCell>
                    {r.amountCents !== null ? euro(cents(r.amountCents)) : ''}
                    {r.amountCents !== null && r.hours !== null ? ' / ' : ''}
                    {r.hours !== null ? `${r.hours} uur` : ''}
                    {r.amountCents === null && r.hours === null ? '—' : ''}
                  </TableCell>
                  <TableCell>
                    {day(r.startsOn)} – {day(r.endsOn)}
                  </TableCell>
                  <TableCell>{arrangementStatusLabels[r.status]}</TableCell>
                  <TableCell>
                    {r.evaluation === 'none' ? '—' : day(r.nextEvaluationOn)} <EvaluationBadge row={r} />
                  </TableCell>
                  <TableCell>
                    {r.lastEvaluation
                      ? `${day(r.lastEvaluation.heldOn)}: doelen ${goalsReachedLabels[r.lastEvaluation.goalsReached].toLowerCase()}, ${evaluationOutcomeLabels[r.lastEvaluation.outcome].toLowerCase()}`
                      : '—'}
                  </TableCell>
                  <TableCell>
                    {r.allowed.evaluate ? (
                      <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => setEvaluating(r)} aria-label={`Evaluatie vastleggen voor ${who(r)}`}>
                        Evaluatie vastleggen
                      </button>
                    ) : (
                      '—'
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableWrap>
      )}
      {data && <Pager page={data.page} total={data.total} pageSize={data.pageSize} onPage={(n) => set('pagina', String(n))} />}
      {data && data.total > 0 && <ExportLinks path="arrangements/export" query={filters} what="de arrangementen" />}
      {evaluating && <EvaluationForm key={evaluating.id} row={evaluating} onDone={done(evaluating)} onCancel={() => setEvaluating(null)} />}
      {partnership && <CommitmentsBlock />}
    </>
  );
}

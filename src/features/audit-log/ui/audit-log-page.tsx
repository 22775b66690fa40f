import { useQuery } from '@tanstack/react-query';
import { Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';
import { api, withQuery } from '../../../web/api.ts';
import { CheckboxField, SelectField, TextField, useFields } from '../../../web/forms.tsx';
import { DateField } from '../../../web/date-fields.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';
import { dateTime, Loading, PageTitle, Pager, QueryError } from '../../../web/ui.tsx';
import type { StaffList } from '../../staff/schema.ts';
import { actionGroups, AuditQuery, type AuditPage, type PupilHits } from '../schema.ts';
import { TableWrap } from '../../../web/list-table.tsx';

const filterKeys = ['actorId', 'pupilId', 'action', 'refused', 'from', 'to'] as const;
type Filters = Record<(typeof filterKeys)[number], string>;
const labels = { actorId: 'Medewerker', pupilId: 'Leerling', action: 'Handeling', refused: 'Alleen geweigerde pogingen', from: 'Vanaf', to: 'Tot en met' };
const count = new Intl.NumberFormat('nl-NL');

export function AuditLogPage() {
  const [params, setParams] = useSearchParams();
  const applied = Object.fromEntries(filterKeys.map((k) => [k, params.get(k) ?? ''])) as Filters;
  const page = Math.max(1, Number(params.get('pagina') ?? 1) || 1);
  const { values, set } = useFields(applied);
  const [pupilSearch, setPupilSearch] = useState('');
  const staff = useQuery({ queryKey: ['staff', 'all-for-audit'], queryFn: () => api.get<z.infer<typeof StaffList>>('staff', { page: 1 }), retry: false });
  const search = pupilSearch.trim();
  const pupils = useQuery({
    queryKey: ['audit-log', 'pupils', search],
    queryFn: () => api.get<z.infer<typeof PupilHits>>('audit-log/pupils', { q: search }),
    enabled: search.length >= 2,
    retry: false,
  });
  const query = { ...applied, page };
  const log = useQuery({
    queryKey: ['audit-log', query],
    queryFn: () => api.get<z.infer<typeof AuditPage>>('audit-log', query),
    placeholderData: (prev) => prev,
  });
  const form = useForm(AuditQuery, async () => undefined, {
    onDone: () => {
      const p = new URLSearchParams();
      for (const k of filterKeys) if (values[k]) p.set(k, values[k]);
      setParams(p, { replace: true });
    },
  });
  const csvHref = withQuery('/api/audit-log.csv', applied);
  const actions: { value: string; label: string }[] = actionGroups.map(([value, label]) => ({ value, label }));
  if (applied.action && !actions.some((a) => a.value === applied.action)) actions.push({ value: applied.action, label: applied.action });
  // The chosen pupil stays in the list after a new search (the log's rows name them).
  const pupilOptions = (pupils.data?.pupils ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.studentNumber}, ${p.birthYear}${p.school ? `, ${p.school}` : ''})` }));
  const chosen = applied.pupilId && log.data?.entries.find((e) => e.pupil?.id === applied.pupilId)?.pupil;
  if (chosen && !pupilOptions.some((o) => o.value === chosen.id)) pupilOptions.unshift({ value: chosen.id, label: `${chosen.name} (${chosen.studentNumber})` });
  const first = log.data ? (log.data.page - 1) * log.data.pageSize + 1 : 0;

  return (
    <>
      <PageTitle title="Auditlog">
        <a className="utrecht-button utrecht-button--secondary-action lr-button-link" href={csvHref} download>
          Exporteer CSV
        </a>
      </PageTitle>
      <Paragraph>
        Wie heeft wanneer welke gegevens bekeken of gewijzigd. Elke raadpleging van leerlinggegevens staat hier, ook elke geweigerde poging. Vraagt een ouder wie
        het dossier van hun kind heeft bekeken? Zoek de leerling op, kies hem of haar en exporteer de regels.
      </Paragraph>
      <Form
        form={form}
        className="lr-filters"
        aria-label="Auditlog filteren"
        labels={labels}
        onSubmit={() => form.submit(Object.fromEntries(Object.entries(values).filter(([, v]) => v)))}
        submit={{ label: 'Filteren', secondary: true }}
      >
        <TextField name="pupilZoek" label="Zoek leerling" type="search" value={pupilSearch} onChange={setPupilSearch} description="Naam of leerlingnummer, minstens 2 tekens" />
        <SelectField
          name="pupilId"
          label={labels.pupilId}
          value={values.pupilId}
          onChange={set('pupilId')}
          options={pupilOptions}
          placeholder={search.length >= 2 && pupils.isSuccess && pupilOptions.length === 0 ? 'Geen leerling gevonden' : 'Alle leerlingen'}
        />
        <SelectField
          name="actorId"
          label={labels.actorId}
          value={values.actorId}
          onChange={set('actorId')}
          options={(staff.data?.staff ?? []).map((s) => ({ value: s.id, label: s.name }))}
          placeholder="Iedereen"
        />
        <SelectField name="action" label={labels.action} value={values.action} onChange={set('action')} options={actions} placeholder="Alle handelingen" />
        <DateField name="from" label={labels.from} value={values.from} onChange={set('from')} />
        <DateField name="to" label={labels.to} value={values.to} onChange={set('to')} />
        <CheckboxField name="refused" label={labels.refused} checked={values.refused === 'ja'} onChange={(on) => set('refused')(on ? 'ja' : '')} />
      </Form>
      {log.isPending && <Loading what="Auditlog" />}
      {log.isError && <QueryError error={log.error} />}
      {log.isSuccess && (
        <>
          <Paragraph aria-live="polite">
            {log.data.total === 0
              ? 'Geen regels gevonden.'
              : `${count.format(log.data.total)} ${log.data.total === 1 ? 'regel' : 'regels'} gevonden${
                  log.data.total > log.data.pageSize ? `; hier ${count.format(first)} tot en met ${count.format(first + log.data.entries.length - 1)}` : ''
                }.`}
          </Paragraph>
          {log.data.entries.length > 0 && (
            <TableWrap label="Auditlog">
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Wanneer</TableHeaderCell>
                    <TableHeaderCell scope="col">Wat er gebeurde</TableHeaderCell>
                    <TableHeaderCell scope="col">Leerlingnummer</TableHeaderCell>
                    <TableHeaderCell scope="col">School</TableHeaderCell>
                    <TableHeaderCell scope="col">IP-adres</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {log.data.entries.map((e) => (
                    <TableRow key={e.id}>
                      <TableCell>{dateTime(e.at)}</TableCell>
                      <TableCell>{e.refused ? <strong>{e.sentence}</strong> : e.sentence}</TableCell>
                      <TableCell>{e.pupil?.studentNumber ?? '—'}</TableCell>
                      <TableCell>{e.school?.name ?? '—'}</TableCell>
                      <TableCell>{e.ip ?? '—'}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableWrap>
          )}
          <Pager
            page={log.data.page}
            total={log.data.total}
            pageSize={log.data.pageSize}
            onPage={(p) => {
              const next = new URLSearchParams(params);
              next.set('pagina', String(p));
              setParams(next, { replace: true });
            }}
          />
        </>
      )}
    </>
  );
}

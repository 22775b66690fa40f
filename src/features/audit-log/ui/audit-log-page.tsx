import { useQuery } from '@tanstack/react-query';
import { Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';
import { api, withQuery } from '../../../web/api.ts';
import { DateField, ErrorSummary, SelectField, TextField, useFields } from '../../../web/forms.tsx';
import { dateTime, Loading, PageTitle, Pager, QueryError } from '../../../web/ui.tsx';
import type { StaffList } from '../../staff/schema.ts';
import type { PupilList } from '../../pupils/schema.ts';
import { AuditQuery, type AuditPage } from '../schema.ts';
import { useForm } from '../../../web/use-form.tsx';

/** Dutch names for the actions the log records; unknown ones show their code. */
const actionLabels: Record<string, string> = {
  'auth.sign_in': 'Ingelogd',
  'auth.sign_out': 'Uitgelogd',
  'auth.sign_in_failed': 'Inloggen mislukt',
  'auth.mfa_enrolled': 'Tweestapsverificatie ingesteld',
  'auth.mfa_verified': 'Code bevestigd',
  'auth.mfa_failed': 'Verkeerde code',
  'auth.locked': 'Account tijdelijk geblokkeerd',
  'auth.password_reset_requested': 'Wachtwoordherstel aangevraagd',
  'auth.password_reset': 'Wachtwoord hersteld',
  'auth.invitation_accepted': 'Uitnodiging geaccepteerd',
  'staff.invited': 'Medewerker uitgenodigd',
  'staff.roles_changed': 'Rollen gewijzigd',
  'staff.deactivated': 'Account geblokkeerd',
  'staff.reactivated': 'Account heractiveerd',
  'staff.invitation_resent': 'Uitnodiging opnieuw verstuurd',
  'school.created': 'School toegevoegd',
  'school.updated': 'School gewijzigd',
  'board.created': 'Bestuur toegevoegd',
  'board.updated': 'Bestuur gewijzigd',
  'pupil.viewed': 'Leerling bekeken',
  'pupil.listed': 'Leerlingen gezocht',
};
const label = (action: string) => actionLabels[action] ?? action;

const filterKeys = ['actorId', 'pupilId', 'action', 'from', 'to'] as const;
const labels = { actorId: 'Medewerker', pupilId: 'Leerling', action: 'Handeling', from: 'Vanaf', to: 'Tot en met' };

export function AuditLogPage() {
  const [params, setParams] = useSearchParams();
  const applied = Object.fromEntries(filterKeys.map((k) => [k, params.get(k) ?? ''])) as Record<(typeof filterKeys)[number], string>;
  const page = Math.max(1, Number(params.get('pagina') ?? 1) || 1);
  const { values, set } = useFields(applied);
  const [pupilSearch, setPupilSearch] = useState('');
  const staff = useQuery({ queryKey: ['staff', 'all-for-audit'], queryFn: () => api.get<z.infer<typeof StaffList>>('staff', { page: 1 }), retry: false });
  const pupils = useQuery({
    queryKey: ['pupils', 'audit', pupilSearch],
    queryFn: () => api.get<z.infer<typeof PupilList>>('pupils', { q: pupilSearch }),
    enabled: pupilSearch.length >= 2,
    retry: false,
  });
  const query = { ...applied, page };
  const log = useQuery({
    queryKey: ['audit-log', query],
    queryFn: () => api.get<z.infer<typeof AuditPage>>('audit-log', query),
    placeholderData: (prev) => prev,
  });
  const form = useForm(AuditQuery, async () => undefined, { onDone: () => {
    const p = new URLSearchParams();
    for (const k of filterKeys) if (values[k]) p.set(k, values[k]);
    setParams(p, { replace: true });
  } });
  const csvHref = withQuery('/api/audit-log.csv', applied);
  const actions = Object.keys(actionLabels).map((a) => ({ value: a, label: actionLabels[a]! }));
  if (applied.action && !actionLabels[applied.action]) actions.push({ value: applied.action, label: applied.action });

  return (
    <>
      <PageTitle title="Auditlog">
        <a className="utrecht-button utrecht-button--secondary-action lr-button-link" href={csvHref} download>
          Exporteer CSV
        </a>
      </PageTitle>
      <Paragraph>Wie heeft wanneer welke gegevens bekeken of gewijzigd. Elke raadpleging van leerlinggegevens staat hier.</Paragraph>
      <form
        className="lr-filters"
        aria-label="Auditlog filteren"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          const raw = Object.fromEntries(Object.entries(values).filter(([, v]) => v));
          void form.submit(raw);
        }}
      >
        <div style={{ flexBasis: '100%' }}>
          <ErrorSummary errors={form.errors} formError={form.formError} attempt={form.attempt} labels={labels} />
        </div>
        <SelectField
          name="actorId"
          label={labels.actorId}
          value={values.actorId}
          onChange={set('actorId')}
          options={(staff.data?.staff ?? []).map((s) => ({ value: s.id, label: s.name }))}
          placeholder="Iedereen"
          error={form.errors.actorId}
        />
        <TextField name="pupilZoek" label="Zoek leerling" type="search" value={pupilSearch} onChange={setPupilSearch} description="Minstens 2 letters" />
        <SelectField
          name="pupilId"
          label={labels.pupilId}
          value={values.pupilId}
          onChange={set('pupilId')}
          options={(pupils.data?.pupils ?? []).map((p) => ({ value: p.id, label: `${p.name} (${p.studentNumber})` }))}
          placeholder="Alle leerlingen"
          error={form.errors.pupilId}
        />
        <SelectField name="action" label={labels.action} value={values.action} onChange={set('action')} options={actions} placeholder="Alle handelingen" error={form.errors.action} />
        <DateField name="from" label={labels.from} value={values.from} onChange={set('from')} error={form.errors.from} />
        <DateField name="to" label={labels.to} value={values.to} onChange={set('to')} error={form.errors.to} />
        <button type="submit" className="utrecht-button utrecht-button--secondary-action">
          Filteren
        </button>
      </form>
      {log.isPending && <Loading what="Auditlog" />}
      {log.isError && <QueryError error={log.error} />}
      {log.isSuccess && (
        <>
          {log.data.entries.length === 0 ? (
            <Paragraph>Geen regels gevonden.</Paragraph>
          ) : (
            <div className="lr-table-wrap">
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Wanneer</TableHeaderCell>
                    <TableHeaderCell scope="col">Wie</TableHeaderCell>
                    <TableHeaderCell scope="col">Handeling</TableHeaderCell>
                    <TableHeaderCell scope="col">Leerling</TableHeaderCell>
                    <TableHeaderCell scope="col">School</TableHeaderCell>
                    <TableHeaderCell scope="col">IP-adres</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {log.data.entries.map((e) => (
                    <TableRow key={e.id}>
                      <TableCell>{dateTime(e.at)}</TableCell>
                      <TableCell>{e.actor ? e.actor.name : 'Systeem / onbekend'}</TableCell>
                      <TableCell>{label(e.action)}</TableCell>
                      <TableCell>{e.pupil ? `${e.pupil.name} (${e.pupil.studentNumber})` : '—'}</TableCell>
                      <TableCell>{e.school?.name ?? '—'}</TableCell>
                      <TableCell>{e.ip ?? '—'}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
          <Pager
            page={log.data.page}
            hasMore={log.data.hasMore}
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

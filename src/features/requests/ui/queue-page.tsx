import { useQuery } from '@tanstack/react-query';
import { Paragraph, Table, TableBody, TableCell, TableHeader, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import { api } from '../../../web/api.ts';
import { CheckboxField, SelectField } from '../../../web/forms.tsx';
import { ExportLinks, ListToolbar, SortHeader, TableWrap, useListParams, useListSort } from '../../../web/list-table.tsx';
import { useFilterSchools, useSchoolsWhere, useSession } from '../../../web/session.tsx';
import { Link, Loading, Notice, PageTitle, Pager, QueryError } from '../../../web/ui.tsx';
import { queueSortKeys, requestKinds, requestKindLabels, requestStatuses, requestStatusLabels } from '../schema.ts';
import { daysText, shortKindLabels, daysToTargetText, errorText, queueKey, StatusBadge, WaitingBadge, type QueueData, type QueueRowData } from './request-kit.tsx';
import { SchoolRequestForm } from './school-request-form.tsx';
import './requests.css';

const CLOSED = ['decided', 'answered', 'withdrawn'];


/** The queue: requests the user may see, with their clocks; the loket takes unassigned ones from here. */
export function RequestsQueuePage() {
  const session = useSession();
  const user = session.data?.user;
  const partnership = !!user?.may.handleRequests;
  const { params, set } = useListParams();
  const sort = useListSort(queueSortKeys, { key: 'target', dir: 'asc' });
  const filters = {
    q: params.get('zoek') ?? undefined,
    kind: params.get('soort') ?? undefined,
    status: params.get('status') ?? undefined,
    schoolId: params.get('school') ?? undefined,
    mine: params.get('mijn') === '1' ? 'true' : undefined,
    sort: sort.key,
    dir: sort.dir,
  };
  const query = { ...filters, page: params.get('pagina') ?? undefined };
  const schools = useFilterSchools(partnership, useSchoolsWhere('readRequests'));
  const queue = useQuery({ queryKey: queueKey(query), queryFn: () => api.get<QueueData>('requests', query) });
  const [assigning, setAssigning] = useState<string | null>(null);
  const [assignError, setAssignError] = useState<string | null>(null);
  const [assigned, setAssigned] = useState<string | null>(null);

  async function takeIt(row: QueueRowData) {
    if (!user) return;
    setAssigning(row.id);
    setAssignError(null);
    setAssigned(null);
    try {
      await api.post(`requests/${row.id}/assign`, { consultantId: user.id });
      await queue.refetch();
      setAssigned(`U behandelt nu de aanvraag van ${row.school.name}${row.pupilLabel ? ` (${row.pupilLabel})` : ''}.`);
    } catch (e) {
      setAssignError(errorText(e));
    } finally {
      setAssigning(null);
    }
  }

  // The server searches, sorts and pages: open requests first, then by the chosen column.
  const rows = queue.data?.rows ?? [];

  return (
    <>
      <PageTitle title="Aanvragen" />
      <Paragraph>
        {partnership
          ? 'Aanvragen bij het samenwerkingsverband. Het loket pakt nieuwe aanvragen op; de klok loopt vanaf het indienen en staat stil zolang de school een aanvulling moet geven.'
          : 'De aanvragen van uw school bij het samenwerkingsverband. Een aanvraag voor één leerling start u vanaf de pagina van de leerling.'}
      </Paragraph>
      <SchoolRequestForm />
      <ListToolbar label="Aanvragen zoeken en filteren" search={{ label: 'Zoek op leerling', value: filters.q ?? '', onSearch: (v) => set({ zoek: v }) }}>
        <SelectField name="soort" label="Soort" value={query.kind ?? ''} onChange={(v) => set({ soort: v })} options={[{ value: '', label: 'Alle soorten' }, ...requestKinds.map((k) => ({ value: k, label: requestKindLabels[k] }))]} />
        <SelectField
          name="status"
          label="Status"
          value={query.status ?? ''}
          onChange={(v) => set({ status: v })}
          options={[{ value: '', label: 'Alle statussen' }, ...requestStatuses.map((s) => ({ value: s, label: requestStatusLabels[s] }))]}
        />
        {schools.length > 1 && (
          <SelectField name="school" label="School" value={query.schoolId ?? ''} onChange={(v) => set({ school: v })} options={[{ value: '', label: 'Alle scholen' }, ...schools.map((s) => ({ value: s.id, label: s.name }))]} />
        )}
        {partnership && <CheckboxField name="mijn" label="Alleen mijn aanvragen" checked={query.mine === 'true'} onChange={(v) => set({ mijn: v ? '1' : '' })} />}
      </ListToolbar>
      {assigned && <Notice>{assigned}</Notice>}
      {assignError && <Notice type="error">{assignError}</Notice>}
      {queue.isPending ? (
        <Loading what="Aanvragen" />
      ) : queue.isError ? (
        <QueryError error={queue.error} />
      ) : rows.length === 0 ? (
        <Paragraph>{filters.q ? `Geen aanvragen gevonden voor “${filters.q}”. Zoek op voornaam, achternaam of (waar u alleen initialen ziet) initialen.` : 'Geen aanvragen in deze selectie.'}</Paragraph>
      ) : (
        <TableWrap label="Aanvragen">
          <Table data-testid="aanvragen-tabel">
            <TableHeader>
              <TableRow>
                <SortHeader column="pupil" label="Aanvraag" sort={sort} />
                <SortHeader column="school" label="School" sort={sort} />
                <SortHeader column="status" label="Status" sort={sort} />
                <SortHeader column="submitted" label="Dagen sinds indienen" sort={sort} />
                <SortHeader column="target" label="Tot de streefdatum" sort={sort} />
                <SortHeader column="consultant" label="Consulent" sort={sort} />
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((r) => {
                const overdue = r.clock.daysToTarget !== null && r.clock.daysToTarget < 0 && !CLOSED.includes(r.status);
                const label = `${shortKindLabels[r.kind]}${r.pupilLabel ? `, ${r.pupilLabel}` : ''}`;
                return (
                  <TableRow key={r.id} data-testid="aanvraag-rij" data-request={r.id}>
                    <TableCell>{r.held ? <Link to={`/aanvragen/${r.id}`}>{label}</Link> : label}</TableCell>
                    <TableCell>{r.school.name}</TableCell>
                    <TableCell>
                      <StatusBadge status={r.status} /> {r.clock.waitingForSchool && <WaitingBadge />}
                      {r.openAdditions > 0 && !r.clock.waitingForSchool && <span className="lr-badge lr-req-open">{r.openAdditions} aanvulling open</span>}
                    </TableCell>
                    <TableCell>{daysText(r.clock.daysSinceSubmission)}</TableCell>
                    <TableCell>{CLOSED.includes(r.status) ? '—' : <span className={overdue ? 'lr-req-overdue' : undefined}>{daysToTargetText(r.clock.daysToTarget)}</span>}</TableCell>
                    <TableCell>
                      {r.assignedTo ? (
                        r.assignedTo.id === user?.id ? (
                          `${r.assignedTo.name} (u)`
                        ) : (
                          r.assignedTo.name
                        )
                      ) : r.allowed.take ? (
                        <button
                          type="button"
                          className="utrecht-button utrecht-button--secondary-action"
                          disabled={assigning !== null}
                          aria-label={`Zelf oppakken: ${label}, ${r.school.name}`}
                          onClick={() => void takeIt(r)}
                        >
                          Zelf oppakken
                        </button>
                      ) : (
                        '—'
                      )}
                    </TableCell>
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </TableWrap>
      )}
      {queue.data && <Pager page={queue.data.page} total={queue.data.total} pageSize={queue.data.pageSize} onPage={(n) => set({ pagina: String(n) })} />}
      {queue.data && queue.data.total > 0 && <ExportLinks path="requests/export" query={filters} what="de aanvragen" />}
    </>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import type { z } from 'zod';
import { api } from '../../../web/api.ts';
import { CheckboxField, SelectField } from '../../../web/forms.tsx';
import { ExportLinks, ListToolbar, SortHeader, TableWrap, useListParams, useListSort } from '../../../web/list-table.tsx';
import { useMay } from '../../../web/session.tsx';
import { ButtonLinkTo, day, Link, Loading, Notice, PageTitle, Pager, QueryError } from '../../../web/ui.tsx';
import { registrationSortKeys, registrationSortLabels, type RegistrationList } from '../schema.ts';
import { DueCell, statusText } from './clock.tsx';

type List = z.infer<typeof RegistrationList>;

export function useAllSchools() {
  return useQuery({ queryKey: ['schools', 'all'], queryFn: () => api.get<{ schools: { id: string; name: string }[] }>('schools'), staleTime: 5 * 60_000 });
}

export const showOptions = [
  { value: 'open', label: 'Open' },
  { value: 'closed', label: 'Afgehandeld' },
  { value: 'all', label: 'Alle' },
];

/**
 * Aanmeldingen: every registration the reader's school received (or, for the
 * partnership, those with a suspected support need; for a school asked in the
 * placement search, the cases it was asked about), each with its zorgplicht
 * clock. Open ones first, the most urgent on top.
 */
export function RegistrationsPage() {
  const allowedHere = !!useMay().readZorgplicht;
  const { params, set } = useListParams();
  const sort = useListSort(registrationSortKeys, { key: 'due', dir: 'asc' });
  const filters = {
    q: params.get('zoek') ?? undefined,
    show: params.get('toon') ?? 'open',
    schoolId: params.get('school') ?? undefined,
    overdue: params.get('te-laat') === '1' ? 'true' : undefined,
    sort: sort.key,
    dir: sort.dir,
  };
  const query = { ...filters, page: Number(params.get('pagina') ?? '1') || 1 };
  const schools = useAllSchools();
  const list = useQuery({ queryKey: ['zorgplicht', query], queryFn: () => api.get<List>('zorgplicht/registrations', query), enabled: allowedHere });
  if (!allowedHere) {
    return (
      <>
        <PageTitle title="Aanmeldingen" />
        <Notice type="info">De aanmeldingen zijn voor de ondersteuningscoördinator en de schoolleider, en voor de consulenten en de directeur van het samenwerkingsverband.</Notice>
      </>
    );
  }
  const data = list.data;
  return (
    <>
      <PageTitle title="Aanmeldingen">{data && data.recordAt.length > 0 && <ButtonLinkTo to="/zorgplicht/nieuw" appearance="primary">Nieuwe aanmelding</ButtonLinkTo>}</PageTitle>
      <Paragraph>
        Vermoedt de school dat een aangemelde leerling extra ondersteuning nodig heeft, dan geldt de zorgplicht: de school beslist binnen 6 weken na ontvangst van de
        aanmelding, en mag die termijn één keer met ten hoogste 4 weken verlengen. Vakanties tellen mee. Elke leerling die u hier ziet, wordt vastgelegd in de auditlog.
      </Paragraph>
      {data?.allowed.board && (
        <Paragraph>
          <Link to="/zorgplicht/bord">Naar het zorgplichtbord van het samenwerkingsverband</Link>
        </Paragraph>
      )}
      <ListToolbar label="Aanmeldingen zoeken en filteren" search={{ label: 'Zoek op naam van de leerling', value: filters.q ?? '', onSearch: (v) => set({ zoek: v }) }}>
        <SelectField name="toon" label="Toon" value={filters.show} onChange={(v) => set({ toon: v === 'open' ? '' : v })} options={showOptions} />
        <SelectField
          name="school"
          label="School"
          value={filters.schoolId ?? ''}
          onChange={(v) => set({ school: v })}
          options={[{ value: '', label: 'Alle scholen' }, ...(schools.data?.schools ?? []).map((s) => ({ value: s.id, label: s.name }))]}
        />
        <CheckboxField name="te-laat" label="Alleen te laat" checked={filters.overdue === 'true'} onChange={(v) => set({ 'te-laat': v ? '1' : '' })} />
      </ListToolbar>
      {list.isPending && <Loading what="Aanmeldingen" />}
      {list.isError && <QueryError error={list.error} />}
      {data && (
        <>
          <Paragraph aria-live="polite">
            {data.total === 1 ? '1 aanmelding gevonden' : `${data.total} aanmeldingen gevonden`} (peildatum {day(data.today)}).
          </Paragraph>
          {data.rows.length > 0 && (
            <TableWrap label="Aanmeldingen">
              <Table>
                <TableHeader>
                  <TableRow>
                    {registrationSortKeys.map((k) => (
                      <SortHeader key={k} column={k} label={registrationSortLabels[k]} sort={sort} />
                    ))}
                    <TableHeaderCell scope="col">Ondersteuning vermoed</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {data.rows.map((r) => (
                    <TableRow key={r.id}>
                      <TableCell>
                        <DueCell clock={r.clock} open={r.status === 'open'} />
                      </TableCell>
                      <TableCell>{day(r.clock.received)}</TableCell>
                      <TableHeaderCell scope="row">
                        <Link to={`/zorgplicht/${r.id}`}>{r.pupilName}</Link>
                        {r.asked && <> (gevraagd om te plaatsen)</>}
                      </TableHeaderCell>
                      <TableCell>{r.school.name}</TableCell>
                      <TableCell>{statusText(r)}</TableCell>
                      <TableCell>{r.supportSuspected ? 'Ja' : 'Nee'}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableWrap>
          )}
          <Pager page={data.page} total={data.total} pageSize={data.pageSize} onPage={(n) => set({ pagina: String(n) })} />
          {data.total > 0 && <ExportLinks path="zorgplicht/registrations/export" query={filters} what="de aanmeldingen" />}
        </>
      )}
    </>
  );
}

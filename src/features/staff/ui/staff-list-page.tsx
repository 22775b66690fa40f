import { useQuery } from '@tanstack/react-query';
import { Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';
import { roleNames } from '../../../platform/access/roles.ts';
import { api } from '../../../web/api.ts';
import { SelectField, TextField } from '../../../web/forms.tsx';
import { ButtonLinkTo, Link, Loading, PageTitle, Pager, QueryError } from '../../../web/ui.tsx';
import { StaffQuery, type StaffList, type StaffMember } from '../schema.ts';
import { Form, useForm } from '../../../web/use-form.tsx';
import { roleLabel, useSchoolOptions } from './role-rows.tsx';
import { TableWrap } from '../../../web/list-table.tsx';

const Search = StaffQuery.pick({ q: true });

export const statusLabels: Record<z.infer<typeof StaffMember>['status'], string> = {
  invited: 'Uitgenodigd',
  active: 'Actief',
  deactivated: 'Geblokkeerd',
};

export function StaffListPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const schoolId = params.get('school') ?? '';
  const role = params.get('rol') ?? '';
  const status = params.get('status') ?? '';
  const page = Math.max(1, Number(params.get('pagina') ?? 1) || 1);
  const [search, setSearch] = useState(q);
  const schools = useSchoolOptions();
  const list = useQuery({
    queryKey: ['staff', q, schoolId, role, status, page],
    queryFn: () => api.get<z.infer<typeof StaffList>>('staff', { q, schoolId, role, status, page }),
    placeholderData: (prev) => prev,
  });
  const update = (next: Record<string, string>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) if (v) p.set(k, v); else p.delete(k);
    if (!('pagina' in next)) p.delete('pagina');
    setParams(p, { replace: true });
  };
  // 'Zoeken' (or Enter) searches with the server's own check of the search; the selects filter as they change.
  const searchForm = useForm(Search, async ({ q: wanted }) => update({ q: wanted ?? '' }), { fieldName: () => 'zoek' });

  return (
    <>
      <PageTitle title="Medewerkers">
        {!!list.data?.assignable.length && (
          <ButtonLinkTo to={`/beheer/medewerkers/uitnodigen${schoolId ? `?school=${schoolId}` : ''}`} appearance="primary">
            Medewerker uitnodigen
          </ButtonLinkTo>
        )}
      </PageTitle>
      <Form form={searchForm} role="search" aria-label="Medewerkers zoeken" className="lr-filters" onSubmit={() => searchForm.submit({ q: search })} labels={{ zoek: 'Zoekterm' }} submit={{ label: 'Zoeken', secondary: true }}>
        <TextField name="zoek" label="Zoek op naam of e-mail" type="search" value={search} onChange={setSearch} />
        <SelectField
          name="school"
          label="School"
          value={schoolId}
          onChange={(v) => update({ school: v })}
          options={(schools.data ?? []).map((s) => ({ value: s.id, label: s.name }))}
          placeholder="Alle scholen"
        />
        <SelectField name="rol" label="Rol" value={role} onChange={(v) => update({ rol: v })} options={roleNames.map((r) => ({ value: r, label: roleLabel(r) }))} placeholder="Alle rollen" />
        <SelectField
          name="status"
          label="Status"
          value={status}
          onChange={(v) => update({ status: v })}
          options={Object.entries(statusLabels).map(([value, label]) => ({ value, label }))}
          placeholder="Alle"
        />
      </Form>
      {list.isPending && <Loading what="Medewerkers" />}
      {list.isError && <QueryError error={list.error} />}
      {list.isSuccess && (
        <>
          <Paragraph aria-live="polite">{list.data.total === 1 ? '1 medewerker' : `${list.data.total} medewerkers`}</Paragraph>
          {list.data.staff.length > 0 && (
            <TableWrap label="Medewerkers">
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Naam</TableHeaderCell>
                    <TableHeaderCell scope="col">E-mailadres</TableHeaderCell>
                    <TableHeaderCell scope="col">Rollen</TableHeaderCell>
                    <TableHeaderCell scope="col">Status</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {list.data.staff.map((m) => (
                    <TableRow key={m.id}>
                      <TableCell>
                        <Link to={`/beheer/medewerkers/${m.id}`}>{m.name}</Link>
                      </TableCell>
                      <TableCell>{m.email}</TableCell>
                      <TableCell>{m.roles.map((r) => `${r.label}${r.schoolName ? ` (${r.schoolName})` : ''}`).join('; ') || '—'}</TableCell>
                      <TableCell>{statusLabels[m.status]}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableWrap>
          )}
          <Pager page={list.data.page} total={list.data.total} pageSize={list.data.pageSize} onPage={(p) => update({ pagina: String(p) })} />
        </>
      )}
    </>
  );
}

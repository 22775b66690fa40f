import { useQuery } from '@tanstack/react-query';
import { Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';
import { api } from '../../../web/api.ts';
import { SelectField, TextField } from '../../../web/forms.tsx';
import { day, Link, Loading, PageTitle, Pager, QueryError } from '../../../web/ui.tsx';
import type { SchoolList } from '../../organisation/schema.ts';
import type { PupilList } from '../schema.ts';

export function PupilsPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const schoolId = params.get('school') ?? '';
  const classId = params.get('klas') ?? '';
  const page = Math.max(1, Number(params.get('pagina') ?? 1) || 1);
  const [search, setSearch] = useState(q);
  const schools = useQuery({ queryKey: ['schools', '', ''], queryFn: () => api.get<z.infer<typeof SchoolList>>('schools', {}) });
  const list = useQuery({
    queryKey: ['pupils', q, schoolId, classId, page],
    queryFn: () => api.get<z.infer<typeof PupilList>>('pupils', { q, schoolId, classId, page }),
    placeholderData: (prev) => prev,
  });
  const update = (next: Record<string, string>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) if (v) p.set(k, v); else p.delete(k);
    if (!('pagina' in next)) p.delete('pagina');
    setParams(p, { replace: true });
  };
  return (
    <>
      <PageTitle title="Leerlingen" />
      <form
        role="search"
        aria-label="Leerlingen zoeken"
        className="lr-filters"
        onSubmit={(e) => {
          e.preventDefault();
          update({ q: search.trim() });
        }}
      >
        <TextField name="zoek" label="Zoek op naam of leerlingnummer" type="search" value={search} onChange={setSearch} />
        <SelectField
          name="school"
          label="School"
          value={schoolId}
          onChange={(v) => update({ school: v, klas: '' })}
          options={(schools.data?.schools ?? []).map((s) => ({ value: s.id, label: s.name }))}
          placeholder="Alle scholen"
        />
        <button type="submit" className="utrecht-button utrecht-button--secondary-action">
          Zoeken
        </button>
      </form>
      {list.isPending && <Loading what="Leerlingen" />}
      {list.isError && <QueryError error={list.error} />}
      {list.isSuccess && (
        <>
          <Paragraph aria-live="polite">{list.data.total === 1 ? '1 leerling' : `${list.data.total} leerlingen`}</Paragraph>
          {list.data.pupils.length > 0 && (
            <div className="lr-table-wrap">
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Naam</TableHeaderCell>
                    <TableHeaderCell scope="col">Leerlingnummer</TableHeaderCell>
                    <TableHeaderCell scope="col">Geboortedatum</TableHeaderCell>
                    <TableHeaderCell scope="col">School</TableHeaderCell>
                    <TableHeaderCell scope="col">Klas</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {list.data.pupils.map((p) => (
                    <TableRow key={p.id}>
                      <TableCell>
                        <Link to={`/leerlingen/${p.id}`}>{p.name}</Link>
                      </TableCell>
                      <TableCell>{p.studentNumber}</TableCell>
                      <TableCell>{day(p.birthDate)}</TableCell>
                      <TableCell>{p.school.name}</TableCell>
                      <TableCell>{p.class?.name ?? '—'}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </div>
          )}
          <Pager page={list.data.page} total={list.data.total} pageSize={list.data.pageSize} onPage={(p) => update({ pagina: String(p) })} />
        </>
      )}
    </>
  );
}

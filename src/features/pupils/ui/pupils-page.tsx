import { useQuery } from '@tanstack/react-query';
import { Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { useSearchParams } from 'react-router';
import { z } from 'zod';
import { api } from '../../../web/api.ts';
import { SelectField, TextField } from '../../../web/forms.tsx';
import { day, Link, Loading, PageTitle, Pager, QueryError } from '../../../web/ui.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';
import type { SchoolList } from '../../organisation/schema.ts';
import { supportLevelLabels, supportLevels, type PupilList } from '../schema.ts';
import { SupportBadge } from './dossier-kit.tsx';
import './pupils.css';
import { TableWrap } from '../../../web/list-table.tsx';

const DEBOUNCE_MS = 300;
const Search = z.object({ q: z.string().trim() });
const levelOptions = supportLevels.map((l) => ({ value: l, label: supportLevelLabels[l] }));

/** Leerlingen: search as you type (debounced), filter by school and support level, page through. The URL keeps the search. */
export function PupilsPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const schoolId = params.get('school') ?? '';
  const classId = params.get('klas') ?? '';
  const supportLevel = params.get('niveau') ?? '';
  const page = Math.max(1, Number(params.get('pagina') ?? 1) || 1);
  const [search, setSearch] = useState(q);
  const schools = useQuery({ queryKey: ['schools', '', ''], queryFn: () => api.get<z.infer<typeof SchoolList>>('schools', {}) });
  const list = useQuery({
    queryKey: ['pupils', q, schoolId, classId, supportLevel, page],
    queryFn: () => api.get<z.infer<typeof PupilList>>('pupils', { q, schoolId, classId, supportLevel, page }),
    placeholderData: (prev) => prev,
  });

  const paramsRef = useRef(params);
  paramsRef.current = params;
  const update = (next: Record<string, string>) => {
    const p = new URLSearchParams(paramsRef.current);
    for (const [k, v] of Object.entries(next)) if (v) p.set(k, v); else p.delete(k);
    if (!('pagina' in next)) p.delete('pagina');
    setParams(p, { replace: true });
  };

  // 'Zoeken' (or Enter) searches at once; the selects filter as they change.
  const searchForm = useForm(Search, async ({ q: wanted }) => update({ q: wanted }));

  // Search as you type: the URL (and so the query) follows the box after a short pause.
  useEffect(() => {
    const wanted = search.trim();
    if (wanted === q) return;
    const t = window.setTimeout(() => update({ q: wanted }), DEBOUNCE_MS);
    return () => window.clearTimeout(t);
  }, [search]);

  // Back/forward changes the URL: the box follows.
  useEffect(() => {
    setSearch((s) => (s.trim() === q ? s : q));
  }, [q]);

  const classFiltered = classId && list.data?.pupils[0]?.class?.id === classId ? list.data.pupils[0]!.class!.name : null;
  const total = list.data?.total ?? 0;

  return (
    <>
      <PageTitle title="Leerlingen" />
      <Form form={searchForm} role="search" aria-label="Leerlingen zoeken" className="lr-filters" onSubmit={() => searchForm.submit({ q: search })} submit={{ label: 'Zoeken', secondary: true }}>
        <TextField
          name="zoek"
          label="Zoek op naam of leerlingnummer"
          type="search"
          value={search}
          onChange={setSearch}
          autoComplete="off"
          spellCheck={false}
        />
        <SelectField
          name="school"
          label="School"
          value={schoolId}
          onChange={(v) => update({ school: v, klas: '' })}
          options={(schools.data?.schools ?? []).map((s) => ({ value: s.id, label: s.name }))}
          placeholder="Alle scholen"
        />
        <SelectField name="niveau" label="Ondersteuningsniveau" value={supportLevel} onChange={(v) => update({ niveau: v })} options={levelOptions} placeholder="Alle niveaus" />
      </Form>
      {classId && (
        <Paragraph>
          Alleen leerlingen uit {classFiltered ? `klas ${classFiltered}` : 'één klas'}.{' '}
          <button type="button" className="lr-link-button" onClick={() => update({ klas: '' })}>
            Toon alle klassen
          </button>
        </Paragraph>
      )}
      {list.isPending && <Loading what="Leerlingen" />}
      {list.isError && <QueryError error={list.error} />}
      <Paragraph aria-live="polite" className="lr-result-count">
        {list.isSuccess ? (total === 1 ? '1 leerling gevonden' : `${total} leerlingen gevonden`) + (list.isFetching ? ' (bijwerken…)' : '') : ''}
      </Paragraph>
      {list.isSuccess && (
        <>
          {list.data.pupils.length === 0 ? (
            <Paragraph>Geen leerlingen gevonden. Controleer de spelling of kies minder filters.</Paragraph>
          ) : (
            <TableWrap label="Leerlingen">
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">Naam</TableHeaderCell>
                    <TableHeaderCell scope="col">Leerlingnummer</TableHeaderCell>
                    <TableHeaderCell scope="col">Geboortedatum</TableHeaderCell>
                    <TableHeaderCell scope="col">School</TableHeaderCell>
                    <TableHeaderCell scope="col">Klas</TableHeaderCell>
                    <TableHeaderCell scope="col">Ondersteuningsniveau</TableHeaderCell>
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
                      <TableCell>
                        {p.class?.name ?? '—'}
                        {p.level ? <span className="lr-muted"> ({p.level})</span> : null}
                      </TableCell>
                      <TableCell>
                        <SupportBadge level={p.supportLevel} />
                      </TableCell>
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

import { useQuery } from '@tanstack/react-query';
import { Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useMemo, useState } from 'react';
import { useSearchParams } from 'react-router';
import type { z } from 'zod';
import { api } from '../../../web/api.ts';
import { SelectField, TextField } from '../../../web/forms.tsx';
import { ButtonLinkTo, Link, Loading, PageTitle, QueryError } from '../../../web/ui.tsx';
import { SchoolQuery, schoolKindLabels, schoolKinds, type SchoolList } from '../schema.ts';
import { TableWrap } from '../../../web/list-table.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';

type SortKey = 'name' | 'brin' | 'kind' | 'board';
const collator = new Intl.Collator('nl', { sensitivity: 'base', numeric: true });

const Search = SchoolQuery.pick({ q: true });

export const kindOptions = schoolKinds.map((k) => ({ value: k, label: schoolKindLabels[k] }));

export function SchoolsPage() {
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const kind = params.get('soort') ?? '';
  const [search, setSearch] = useState(q);
  const [sort, setSort] = useState<{ key: SortKey; asc: boolean }>({ key: 'name', asc: true });
  const list = useQuery({
    queryKey: ['schools', q, kind],
    queryFn: () => api.get<z.infer<typeof SchoolList>>('schools', { q, kind }),
    placeholderData: (prev) => prev,
  });

  const rows = useMemo(() => {
    const schools = [...(list.data?.schools ?? [])];
    const value = (s: (typeof schools)[number]) =>
      sort.key === 'board' ? s.board.name : sort.key === 'kind' ? schoolKindLabels[s.kind] : s[sort.key];
    schools.sort((a, b) => collator.compare(value(a), value(b)) * (sort.asc ? 1 : -1));
    return schools;
  }, [list.data, sort]);

  const update = (next: Record<string, string>) => {
    const p = new URLSearchParams(params);
    for (const [k, v] of Object.entries(next)) if (v) p.set(k, v); else p.delete(k);
    setParams(p, { replace: true });
  };
  // 'Zoeken' (or Enter) searches with the server's own check of the search; the select filters as it changes.
  const searchForm = useForm(Search, async ({ q: wanted }) => update({ q: wanted ?? '' }), { fieldName: () => 'zoek' });

  const header = (key: SortKey, label: string) => (
    <TableHeaderCell scope="col" aria-sort={sort.key === key ? (sort.asc ? 'ascending' : 'descending') : undefined}>
      <button type="button" className="lr-sort" onClick={() => setSort((s) => ({ key, asc: s.key === key ? !s.asc : true }))}>
        {label}
        <span aria-hidden="true">{sort.key === key ? (sort.asc ? ' ▲' : ' ▼') : ''}</span>
      </button>
    </TableHeaderCell>
  );

  return (
    <>
      <PageTitle title="Scholen">
        {list.data?.allowed.create && (
          <ButtonLinkTo to="/scholen/nieuw" appearance="primary">
            Nieuwe school
          </ButtonLinkTo>
        )}
        <ButtonLinkTo to="/beheer/besturen">Besturen</ButtonLinkTo>
      </PageTitle>
      <Form form={searchForm} role="search" aria-label="Scholen zoeken" className="lr-filters" onSubmit={() => searchForm.submit({ q: search })} labels={{ zoek: 'Zoekterm' }} submit={{ label: 'Zoeken', secondary: true }}>
        <TextField name="zoek" label="Zoek op naam of BRIN" type="search" value={search} onChange={setSearch} />
        <SelectField name="soort" label="Soort school" value={kind} onChange={(v) => update({ soort: v })} options={kindOptions} placeholder="Alle soorten" />
      </Form>
      {list.isPending && <Loading what="Scholen" />}
      {list.isError && <QueryError error={list.error} />}
      {list.isSuccess && (
        <>
          <Paragraph aria-live="polite">{rows.length === 1 ? '1 school' : `${rows.length} scholen`}</Paragraph>
          {rows.length > 0 && (
            <TableWrap label="Scholen">
              <Table>
                <TableHeader>
                  <TableRow>
                    {header('name', 'Naam')}
                    {header('brin', 'BRIN')}
                    {header('kind', 'Soort')}
                    {header('board', 'Bestuur')}
                    <TableHeaderCell scope="col">Status</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {rows.map((s) => (
                    <TableRow key={s.id}>
                      <TableCell>
                        <Link to={`/scholen/${s.id}`}>{s.name}</Link>
                      </TableCell>
                      <TableCell>{s.brin}</TableCell>
                      <TableCell>
                        {schoolKindLabels[s.kind]}
                        {s.cluster ? ` (cluster ${s.cluster})` : ''}
                      </TableCell>
                      <TableCell>{s.board.name}</TableCell>
                      <TableCell>{s.active ? 'Actief' : 'Niet actief'}</TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableWrap>
          )}
        </>
      )}
    </>
  );
}

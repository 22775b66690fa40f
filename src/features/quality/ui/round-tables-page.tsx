import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import type { z } from 'zod';
import { api } from '../../../web/api.ts';
import { SelectField } from '../../../web/forms.tsx';
import { ExportLinks, ListToolbar, TableWrap, useListParams } from '../../../web/list-table.tsx';
import { ButtonLinkTo, day, Link, Loading, PageTitle, QueryError } from '../../../web/ui.tsx';
import { roundTableAudienceLabels, verdictLabels, verdicts, type RoundTableList } from '../round-table-schema.ts';
import './quality.css';

type List = z.infer<typeof RoundTableList>;
type Audience = keyof typeof roundTableAudienceLabels;

/**
 * The round tables of a school year (seed 003, "Terugkoppeling thematafels")
 * and, per theme across them, what the field wants to keep, can do without
 * and misses: the input for the evaluation of the support plan.
 */
export function RoundTablesPage() {
  const { params, set } = useListParams();
  const schoolYear = params.get('schooljaar') ?? '';
  const q = params.get('zoek') ?? '';
  const list = useQuery({
    queryKey: ['quality-round-tables', schoolYear, q],
    queryFn: () => api.get<List>('quality/round-tables', { schoolYear: schoolYear || undefined, q: q || undefined }),
    placeholderData: keepPreviousData,
  });
  if (list.isPending) return <Loading what="Thematafels" />;
  if (list.isError) return <QueryError error={list.error} />;
  const l = list.data;
  return (
    <>
      <PageTitle title={`Thematafels ${l.schoolYear}`} />
      <Paragraph>
        Bij een thematafel reageert het veld eerst op stellingen en bespreekt het daarna per thema wat het wil behouden, wat weg mag en wat het mist. Samen zijn ze de
        inbreng voor de evaluatie van het ondersteuningsplan.
      </Paragraph>
      {l.allowed.manage && (
        <Paragraph>
          <ButtonLinkTo to="/kwaliteit/thematafels/nieuw" appearance="primary">
            Thematafel vastleggen
          </ButtonLinkTo>
        </Paragraph>
      )}
      <ListToolbar label="Thematafels zoeken" search={{ value: q, onSearch: (v) => set({ zoek: v }), label: 'Zoek in wat er gezegd is' }}>
        <SelectField name="schooljaar" label="Schooljaar" value={l.schoolYear} onChange={(v) => set({ schooljaar: v })} options={l.schoolYears.map((y) => ({ value: y, label: y }))} />
      </ListToolbar>
      {l.tables.length === 0 ? (
        <Paragraph>Nog geen thematafels in {l.schoolYear}.</Paragraph>
      ) : (
        <TableWrap label={`Thematafels ${l.schoolYear}`}>
          <Table>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Datum</TableHeaderCell>
                <TableHeaderCell scope="col">Thematafel</TableHeaderCell>
                <TableHeaderCell scope="col">Aan tafel</TableHeaderCell>
                <TableHeaderCell scope="col">Stellingen</TableHeaderCell>
                <TableHeaderCell scope="col">Thema’s</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {l.tables.map((t) => (
                <TableRow key={t.id}>
                  <TableCell>{day(t.heldOn)}</TableCell>
                  <TableCell>
                    <Link to={`/kwaliteit/thematafels/${t.id}`}>{t.title}</Link>
                  </TableCell>
                  <TableCell>{t.audiences.map((a) => roundTableAudienceLabels[a as Audience] ?? a).join(', ')}</TableCell>
                  <TableCell>{t.statements}</TableCell>
                  <TableCell>{t.themes}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableWrap>
      )}
      {l.themes.length > 0 && (
        <>
          <Heading2>Per thema</Heading2>
          <ExportLinks path="quality/round-tables/export" query={{ schoolYear: l.schoolYear, q: q || undefined }} what="wat er per thema is gezegd" />
        </>
      )}
      {q && l.themes.length === 0 && l.tables.length > 0 && <Paragraph>Niets gevonden voor ‘{q}’. Probeer een ander woord.</Paragraph>}
      {l.themes.map((t) => (
        <section key={t.theme} aria-label={t.theme} className="lr-round-table-theme">
          <h3 className="utrecht-heading-3">{t.theme}</h3>
          <div className="lr-round-table-verdicts">
            {verdicts.map((v) => {
              const points = t.points.filter((p) => p.verdict === v);
              return (
                <div key={v}>
                  <Paragraph>
                    <strong>{verdictLabels[v]}</strong>
                  </Paragraph>
                  {points.length === 0 ? (
                    <Paragraph className="lr-muted">Niets genoemd.</Paragraph>
                  ) : (
                    <ul>
                      {points.map((p, i) => (
                        <li key={i}>
                          {p.text} <span className="lr-muted">({p.tableTitle}, {day(p.heldOn)})</span>
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              );
            })}
          </div>
        </section>
      ))}
    </>
  );
}

import { useQuery } from '@tanstack/react-query';
import { Paragraph, PrimaryActionButton, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useParams } from 'react-router';
import type { z } from 'zod';
import { api } from '../../../web/api.ts';
import { dateTime, Link, Loading, PageTitle, QueryError } from '../../../web/ui.tsx';
import { needCategoryLabels, type ClassScan } from '../schema.ts';
import { SupportBadge } from './dossier-kit.tsx';
import './pupils.css';
import { TableWrap } from '../../../web/list-table.tsx';

type Scan = z.infer<typeof ClassScan>;

/**
 * Klassenscan: every pupil of a class with support level, needs and
 * handelingsadviezen on one printable sheet (A4 landscape). It refetches when
 * the window gets focus, so a printed copy is as current as possible.
 */
export function ClassScanPage() {
  const { id = '' } = useParams();
  const scan = useQuery({ queryKey: ['class-scan', id], queryFn: () => api.get<Scan>(`classes/${id}/scan`), refetchOnWindowFocus: true });
  if (scan.isPending) return <Loading what="Klassenscan" />;
  if (scan.isError) {
    return (
      <>
        <Paragraph>
          <Link to="/mijn-klassen">← Mijn klassen</Link>
        </Paragraph>
        <PageTitle title="Klassenscan" />
        <QueryError error={scan.error} />
      </>
    );
  }
  const s = scan.data;
  const withSupport = s.pupils.filter((p) => p.supportLevel !== 'basis' || p.needs.length || p.advices.length).length;
  return (
    <div className="lr-scan">
      <Paragraph className="lr-no-print">
        <Link to="/mijn-klassen">← Mijn klassen</Link>
      </Paragraph>
      <PageTitle title={`Klassenscan ${s.class.name}`}>
        <PrimaryActionButton type="button" className="lr-no-print" onClick={() => window.print()}>
          Afdrukken
        </PrimaryActionButton>
      </PageTitle>
      <Paragraph>
        {s.class.school.name} · schooljaar {s.class.schoolYear}
        {s.class.level ? ` · ${s.class.level}` : ''} · {s.pupils.length === 1 ? '1 leerling' : `${s.pupils.length} leerlingen`}, van wie {withSupport} met extra aandacht.
      </Paragraph>
      <Paragraph className="lr-muted lr-small" aria-live="polite">
        Stand van {dateTime(s.generatedAt)}
        {scan.isFetching ? ' (bijwerken…)' : ''}. Vertrouwelijk: alleen voor docenten van deze klas. Gooi een afdruk na gebruik weg.
      </Paragraph>
      {s.pupils.length === 0 ? (
        <Paragraph>Er staan geen leerlingen in deze klas.</Paragraph>
      ) : (
        <TableWrap label="Klassenscan">
          <Table className="lr-scan-table">
            <TableCaption className="lr-visually-hidden">Leerlingen van klas {s.class.name} met ondersteuning en handelingsadviezen</TableCaption>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">Leerling</TableHeaderCell>
                <TableHeaderCell scope="col">Ondersteuning</TableHeaderCell>
                <TableHeaderCell scope="col">Ondersteuningsbehoeften</TableHeaderCell>
                <TableHeaderCell scope="col">Handelingsadviezen</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {s.pupils.map((p) => (
                <TableRow key={p.id}>
                  <TableHeaderCell scope="row" className="lr-scan-name">
                    <Link to={`/leerlingen/${p.id}`}>{p.name}</Link>
                  </TableHeaderCell>
                  <TableCell>
                    <SupportBadge level={p.supportLevel} />
                    {p.caseManager && <div className="lr-small">Casemanager: {p.caseManager}</div>}
                  </TableCell>
                  <TableCell>
                    {p.needs.length === 0 ? (
                      <span className="lr-muted">—</span>
                    ) : (
                      <ul className="lr-scan-list">
                        {p.needs.map((n, i) => (
                          <li key={i}>
                            <strong>{needCategoryLabels[n.category]}:</strong> {n.description}
                          </li>
                        ))}
                      </ul>
                    )}
                  </TableCell>
                  <TableCell>
                    {p.advices.length === 0 ? (
                      <span className="lr-muted">—</span>
                    ) : (
                      <ul className="lr-scan-list">
                        {p.advices.map((a, i) => (
                          <li key={i}>{a}</li>
                        ))}
                      </ul>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableWrap>
      )}
    </div>
  );
}

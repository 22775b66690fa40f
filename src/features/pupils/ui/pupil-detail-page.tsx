import { useQuery } from '@tanstack/react-query';
import { Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useParams } from 'react-router';
import type { z } from 'zod';
import { api } from '../../../web/api.ts';
import { day, Link, Loading, PageTitle, QueryError } from '../../../web/ui.tsx';
import type { Pupil } from '../schema.ts';

export function PupilDetailPage() {
  const { id = '' } = useParams();
  const pupil = useQuery({ queryKey: ['pupil', id], queryFn: () => api.get<z.infer<typeof Pupil>>(`pupils/${id}`) });
  if (pupil.isPending) return <Loading what="Leerling" />;
  if (pupil.isError) {
    return (
      <>
        <PageTitle title="Leerling" />
        <QueryError error={pupil.error} />
      </>
    );
  }
  const p = pupil.data;
  return (
    <>
      <Paragraph>
        <Link to="/leerlingen">← Alle leerlingen</Link>
      </Paragraph>
      <PageTitle title={p.name} />
      <dl className="lr-dl">
        <dt>Leerlingnummer</dt>
        <dd>{p.studentNumber}</dd>
        <dt>Geboortedatum</dt>
        <dd>{day(p.birthDate)}</dd>
        <dt>School</dt>
        <dd>{p.school.name}</dd>
        <dt>Klas</dt>
        <dd>{p.class?.name ?? '—'}</dd>
        <dt>Niveau</dt>
        <dd>{p.level ?? '—'}</dd>
      </dl>
      <Heading2 style={{ marginBlockStart: '2rem' }}>Inschrijvingen</Heading2>
      {p.enrolments.length === 0 ? (
        <Paragraph>Geen inschrijvingen.</Paragraph>
      ) : (
        <div className="lr-table-wrap">
          <Table>
            <TableHeader>
              <TableRow>
                <TableHeaderCell scope="col">School</TableHeaderCell>
                <TableHeaderCell scope="col">Klas</TableHeaderCell>
                <TableHeaderCell scope="col">Niveau</TableHeaderCell>
                <TableHeaderCell scope="col">Van</TableHeaderCell>
                <TableHeaderCell scope="col">Tot</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {p.enrolments.map((e, i) => (
                <TableRow key={i}>
                  <TableCell>{e.schoolName}</TableCell>
                  <TableCell>{e.className ?? '—'}</TableCell>
                  <TableCell>{e.level ?? '—'}</TableCell>
                  <TableCell>{day(e.startDate)}</TableCell>
                  <TableCell>{e.endDate ? day(e.endDate) : 'heden'}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      )}
      <Paragraph className="lr-muted">Het volledige leerlingdossier (kwadrant, logboek, documenten) komt binnenkort.</Paragraph>
    </>
  );
}

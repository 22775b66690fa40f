import { useQuery } from '@tanstack/react-query';
import { Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../../web/api.ts';
import { dateTime, day, Link, Loading, PageTitle, QueryError } from '../../../web/ui.tsx';
import { pupilKey, Section, SupportBadge, type PupilPageData } from './dossier-kit.tsx';
import { DocumentsSection } from './documents-section.tsx';
import { KwadrantSection } from './kwadrant-section.tsx';
import { LogbookSection } from './logbook-section.tsx';
import { AdvicesSection } from './advices-section.tsx';
import { NeedsSection } from './needs-section.tsx';
import { CaseManagerSection, SupportLevelSection } from './support-sections.tsx';
import type { z } from 'zod';
import { oppKindLabels, oppStatusLabels, type PupilPlans } from '../../plans/schema.ts';
import './pupils.css';

const contents = [
  ['ondersteuningsniveau', 'Ondersteuningsniveau'],
  ['casemanager', 'Casemanager'],
  ['opp', 'OPP'],
  ['kwadrant', 'Kwadrant'],
  ['behoeften', 'Ondersteuningsbehoeften'],
  ['handelingsadviezen', 'Handelingsadviezen'],
  ['logboek', 'Logboek'],
  ['afspraken', 'Afspraken'],
  ['documenten', 'Documenten'],
  ['overleggen', 'Komende overleggen'],
  ['inschrijvingen', 'Inschrijvingen'],
] as const;

/** The pupil dossier on one screen: header, then one section per subject, in the order a mentor or OCO reads it. */
export function PupilDetailPage() {
  const { id = '' } = useParams();
  const pupil = useQuery({ queryKey: pupilKey(id), queryFn: () => api.get<PupilPageData>(`pupils/${id}`) });
  if (pupil.isPending) return <Loading what="Leerling" />;
  if (pupil.isError) {
    return (
      <>
        <Paragraph>
          <Link to="/leerlingen">← Alle leerlingen</Link>
        </Paragraph>
        <PageTitle title="Leerling" />
        <QueryError error={pupil.error} />
      </>
    );
  }
  const p = pupil.data;
  return (
    <div className="lr-dossier">
      <Paragraph className="lr-no-print">
        <Link to="/leerlingen">← Alle leerlingen</Link>
      </Paragraph>
      <PageTitle title={p.name} />
      <dl className="lr-dossier-header">
        <div>
          <dt>Klas</dt>
          <dd>{p.class ? <Link to={`/klassen/${p.class.id}/scan`}>{p.class.name}</Link> : '—'}</dd>
        </div>
        <div>
          <dt>Niveau</dt>
          <dd>{p.level ?? '—'}</dd>
        </div>
        <div>
          <dt>Leeftijd</dt>
          <dd>{p.age} jaar</dd>
        </div>
        <div>
          <dt>Casemanager</dt>
          <dd>{p.caseManager?.name ?? 'Geen'}</dd>
        </div>
        <div>
          <dt>Ondersteuning</dt>
          <dd>
            <SupportBadge level={p.supportLevel} />
          </dd>
        </div>
        <div>
          <dt>School</dt>
          <dd>{p.school.name}</dd>
        </div>
        <div>
          <dt>Leerlingnummer</dt>
          <dd>{p.studentNumber}</dd>
        </div>
      </dl>

      <nav aria-label="Op deze pagina" className="lr-toc lr-no-print">
        <ul>
          {contents.map(([anchor, label]) => (
            <li key={anchor}>
              <a className="utrecht-link" href={`#${anchor}`}>
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <div className="lr-dossier-grid">
        <SupportLevelSection p={p} />
        <CaseManagerSection p={p} />
      </div>
      <OppSection p={p} />
      <KwadrantSection p={p} />
      <div className="lr-dossier-grid">
        <NeedsSection p={p} />
        <AdvicesSection p={p} />
      </div>
      <LogbookSection p={p} />

      <Section id="afspraken" title="Afspraken">
        {p.agreements.length === 0 ? (
          <Paragraph className="lr-muted">Geen afspraken.</Paragraph>
        ) : (
          <div className="lr-table-wrap">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">Afspraak</TableHeaderCell>
                  <TableHeaderCell scope="col">Wie</TableHeaderCell>
                  <TableHeaderCell scope="col">Uiterlijk</TableHeaderCell>
                  <TableHeaderCell scope="col">Status</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {p.agreements.map((a) => (
                  <TableRow key={a.id}>
                    <TableCell>{a.what}</TableCell>
                    <TableCell>{a.owner.name}</TableCell>
                    <TableCell>{day(a.dueOn)}</TableCell>
                    <TableCell>
                      {a.doneAt ? (
                        `Gedaan op ${dateTime(a.doneAt)}`
                      ) : a.overdue ? (
                        <span className="lr-badge lr-badge--overdue">Te laat</span>
                      ) : (
                        'Open'
                      )}
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </Section>

      <DocumentsSection p={p} />

      <div className="lr-dossier-grid">
        <Section id="overleggen" title="Komende overleggen">
          {p.upcomingMeetings.length === 0 ? (
            <Paragraph className="lr-muted">Geen overleggen gepland.</Paragraph>
          ) : (
            <ul className="lr-items">
              {p.upcomingMeetings.map((m) => (
                <li key={m.id}>
                  <Link to={`/ondersteuning/overleggen/${m.id}`}>
                    <strong>{dateTime(m.startsAt)}</strong> – {m.kind}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </Section>
        <Section id="inschrijvingen" title="Inschrijvingen">
          {p.enrolments.length === 0 ? (
            <Paragraph className="lr-muted">Geen inschrijvingen.</Paragraph>
          ) : (
            <ul className="lr-items">
              {p.enrolments.map((e, i) => (
                <li key={i}>
                  <strong>{e.schoolName}</strong>
                  {e.className ? `, klas ${e.className}` : ''}
                  {e.level ? ` (${e.level})` : ''}
                  <div className="lr-muted lr-small">
                    {day(e.startDate)} – {e.endDate ? day(e.endDate) : 'heden'}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </Section>
      </div>
    </div>
  );
}

/** The pupil's OPPs (ontwikkelingsperspectiefplannen), with "Start OPP" while none is open. */
function OppSection({ p }: { p: PupilPageData }) {
  const navigate = useNavigate();
  const plans = useQuery({
    queryKey: ['pupil', p.id, 'opps'],
    queryFn: () => api.get<z.input<typeof PupilPlans>>(`pupils/${p.id}/opps`),
  });
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mayStart = plans.data?.allowed.create ?? false;
  async function start(kind: 'full' | 'light') {
    setBusy(true);
    setError(null);
    try {
      const { id } = await api.post<{ id: string }>(`pupils/${p.id}/opps`, { kind });
      navigate(`/opp/${id}`);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : 'Het OPP kon niet worden gestart. Probeer het opnieuw.');
      setBusy(false);
    }
  }
  return (
    <Section id="opp" title="OPP">
      {plans.isPending ? (
        <Loading what="Plannen" />
      ) : plans.isError ? (
        <QueryError error={plans.error} />
      ) : plans.data.plans.length === 0 ? (
        <Paragraph className="lr-muted">Geen ontwikkelingsperspectiefplan.</Paragraph>
      ) : (
        <ul className="lr-items">
          {plans.data.plans.map((o) => (
            <li key={o.id} className="lr-item">
              <div>
                <Link to={`/opp/${o.id}`}>
                  {oppKindLabels[o.kind] ?? o.kind}, versie {o.currentVersion}
                </Link>{' '}
                <span className={`lr-badge lr-opp-status lr-opp-status--${o.status}`}>{oppStatusLabels[o.status] ?? o.status}</span>
                <div className="lr-muted lr-small">
                  Gestart {dateTime(o.createdAt)}
                  {o.nextEvaluationOn ? ` · volgende evaluatie ${day(o.nextEvaluationOn)}` : ''}
                </div>
              </div>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="lr-inline-error" role="alert">
          {error}
        </p>
      )}
      {mayStart && (
        <div className="lr-confirm">
          <button type="button" className="utrecht-button utrecht-button--primary-action" disabled={busy} onClick={() => void start('full')}>
            Start OPP
          </button>
          <button type="button" className="utrecht-button utrecht-button--secondary-action" disabled={busy} onClick={() => void start('light')}>
            Start OPP light
          </button>
        </div>
      )}
    </Section>
  );
}

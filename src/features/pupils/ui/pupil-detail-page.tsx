import { useQuery } from '@tanstack/react-query';
import { Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api, ApiError } from '../../../web/api.ts';
import { RadioGroup, SelectField } from '../../../web/forms.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';
import { useSchoolsWhere } from '../../../web/session.tsx';
import { dateTime, day, Link, Loading, PageToc, PageTitle, QueryError } from '../../../web/ui.tsx';
import { pupilKey, Section, SupportBadge, type PupilPageData } from './dossier-kit.tsx';
import { AbsenceSection } from './absence-section.tsx';
import { ContactsSection } from './contacts-section.tsx';
import { DocumentsSection } from './documents-section.tsx';
import { KwadrantSection } from './kwadrant-section.tsx';
import { LogbookSection } from './logbook-section.tsx';
import { AdvicesSection } from './advices-section.tsx';
import { NeedsSection } from './needs-section.tsx';
import { CaseManagerSection, SupportLevelSection } from './support-sections.tsx';
import type { z } from 'zod';
import { oppKindLabels, oppStatusLabels, type PupilPlans } from '../../plans/schema.ts';
import { CreateRequestInput, requestKindLabels, requestKinds, requestStatusLabels, tlvSchoolKinds, type Queue, type RequestKind } from '../../requests/schema.ts';
import './pupils.css';
import { TableWrap } from '../../../web/list-table.tsx';

const contents = [
  ['ondersteuningsniveau', 'Ondersteuningsniveau'],
  ['casemanager', 'Casemanager'],
  ['ouders', 'Ouders en verzorgers'],
  ['opp', 'OPP'],
  ['aanvragen', 'Aanvragen'],
  ['kwadrant', 'Kwadrant'],
  ['behoeften', 'Ondersteuningsbehoeften'],
  ['handelingsadviezen', 'Handelingsadviezen'],
  ['logboek', 'Logboek'],
  ['afspraken', 'Afspraken'],
  ['verzuim', 'Verzuim'],
  ['documenten', 'Documenten'],
  ['overleggen', 'Komende overleggen'],
  ['inschrijvingen', 'Inschrijvingen'],
] as const;

/** The pupil dossier on one screen: header, then one section per subject, in the order a mentor or OCO reads it. */
export function PupilDetailPage() {
  const { id = '' } = useParams();
  const pupil = useQuery({ queryKey: pupilKey(id), queryFn: () => api.get<PupilPageData>(`pupils/${id}`) });
  // The school's requests are for its whole-school roles (the session says where); a mentor's page has no such section.
  const requestSchools = useSchoolsWhere('readRequests');
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
  const readsRequests = requestSchools.some((s) => s.id === p.school.id);
  return (
    <div className="lr-dossier">
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

      <PageToc items={readsRequests ? contents : contents.filter(([anchor]) => anchor !== 'aanvragen')} className="lr-toc lr-no-print" />

      <div className="lr-dossier-grid">
        <SupportLevelSection p={p} />
        <CaseManagerSection p={p} />
      </div>
      <ContactsSection p={p} />
      <OppSection p={p} />
      {readsRequests && <RequestsSection p={p} />}
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
          <TableWrap label="Afspraken">
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
          </TableWrap>
        )}
      </Section>

      <AbsenceSection p={p} />
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

const tlvKindLabels = { sbo: 'sbo', so: 'so', vso: 'vso' } as const;

/**
 * The pupil's requests to the partnership, and a new one in three clicks for
 * the support team: the kind, for a TLV the school kind, start.
 */
function RequestsSection({ p }: { p: PupilPageData }) {
  const navigate = useNavigate();
  const mayStart = useSchoolsWhere('composeRequests').some((s) => s.id === p.school.id);
  const requests = useQuery({ queryKey: ['requests', { pupilId: p.id }], queryFn: () => api.get<z.infer<typeof Queue>>('requests', { pupilId: p.id }) });
  const [kind, setKind] = useState<RequestKind | ''>('');
  const [tlvSchoolKind, setTlvSchoolKind] = useState('');
  const [arrangementKindId, setArrangementKindId] = useState('');
  const arrangementKinds = useQuery({ queryKey: ['arrangement-kinds'], queryFn: () => api.get<{ id: string; name: string }[]>('arrangement-kinds'), enabled: kind === 'arrangement' });
  const form = useForm(CreateRequestInput, (input) => api.post<{ id: string }>('requests', input), {
    prefix: 'aanvraag',
    failMessage: 'De aanvraag kon niet worden gestart. Probeer het opnieuw.',
    onDone: ({ id }) => navigate(`/aanvragen/${id}`),
  });
  return (
    <Section id="aanvragen" title="Aanvragen">
      {requests.isPending ? (
        <Loading what="Aanvragen" />
      ) : requests.isError ? (
        <QueryError error={requests.error} />
      ) : requests.data.rows.length === 0 ? (
        <Paragraph className="lr-muted">Geen aanvragen bij het samenwerkingsverband.</Paragraph>
      ) : (
        <ul className="lr-items" data-testid="leerling-aanvragen">
          {requests.data.rows.map((r) => (
            <li key={r.id} className="lr-item">
              <div>
                <Link to={`/aanvragen/${r.id}`}>{requestKindLabels[r.kind]}</Link> <span className="lr-badge">{requestStatusLabels[r.status]}</span>
                {r.clock.waitingForSchool && <span className="lr-badge lr-badge--overdue"> Wacht op school</span>}
              </div>
            </li>
          ))}
        </ul>
      )}
      {mayStart && (
        <Form
          form={form}
          className="lr-form lr-form--panel"
          aria-labelledby="nieuwe-aanvraag-titel"
          onSubmit={() =>
            form.submit({
              kind: kind || undefined,
              schoolId: p.school.id,
              pupilId: p.id,
              tlvSchoolKind: kind === 'tlv' ? tlvSchoolKind || null : null,
              arrangementKindId: kind === 'arrangement' ? arrangementKindId || null : null,
            })
          }
          labels={{ 'aanvraag.kind': 'Soort aanvraag', 'aanvraag.tlvSchoolKind': 'TLV voor', 'aanvraag.arrangementKindId': 'Welk arrangement?' }}
          intro={<h3 id="nieuwe-aanvraag-titel">Nieuwe aanvraag</h3>}
          submit={{ label: 'Aanvraag starten' }}
        >
          <RadioGroup name={form.name('kind')} legend="Soort aanvraag" value={kind} onChange={(v) => setKind(v as RequestKind)} options={requestKinds.map((k) => ({ value: k, label: requestKindLabels[k] }))} />
          {kind === 'tlv' && (
            <RadioGroup name={form.name('tlvSchoolKind')} legend="TLV voor" value={tlvSchoolKind} onChange={setTlvSchoolKind} options={tlvSchoolKinds.map((k) => ({ value: k, label: tlvKindLabels[k] }))} />
          )}
          {kind === 'arrangement' && (
            <SelectField
              name={form.name('arrangementKindId')}
              label="Welk arrangement?"
              value={arrangementKindId}
              onChange={setArrangementKindId}
              placeholder={arrangementKinds.isPending ? 'Laden…' : 'Kies een arrangement'}
              options={(arrangementKinds.data ?? []).map((a) => ({ value: a.id, label: a.name }))}
            />
          )}
        </Form>
      )}
    </Section>
  );
}

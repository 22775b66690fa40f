import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Heading2, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { z } from 'zod';
import { api, type Json } from '../../../web/api.ts';
import { DateField } from '../../../web/date-fields.tsx';
import { CheckboxField, RadioGroup, SelectField, TextAreaField } from '../../../web/forms.tsx';
import { TableWrap } from '../../../web/list-table.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';
import { dateTime, day, Link, Loading, Notice, PageTitle, QueryError } from '../../../web/ui.tsx';
import { levels } from '../../organisation/schema.ts';
import { AnswerPlacementInput, AskPlacementInput, DecideInput, ExtendInput, outcomeLabels, outcomes, type PlacementSearch, type RegistrationView } from '../schema.ts';
import { DueCell, statusText } from './clock.tsx';
import { PutOnTableForm, TableSection } from './table-section.tsx';

type View = Json<RegistrationView>;
type Search = z.infer<typeof PlacementSearch>;

const placementStatusLabels = { asked: 'Gevraagd, nog geen antwoord', accepted: 'Neemt de leerling aan', declined: 'Afgewezen', withdrawn: 'Vervallen' } as const;

function Facts({ r }: { r: View }) {
  const rows: [string, string][] = [
    ['Leerling', `${r.pupil.name}, geboren ${day(r.pupil.birthDate)}`],
    ['Aangemeld bij', r.school.name],
    ['Vorige school', r.previousSchool || '—'],
    ['Ouders', [r.parentNames, r.parentEmail, r.parentPhone].filter(Boolean).join(', ')],
    ['Niveau en leerjaar', [r.level, r.yearGroup ? `leerjaar ${r.yearGroup}` : null].filter(Boolean).join(', ') || '—'],
    ['Gewenste start', day(r.desiredStart)],
    ['Ondersteuning vermoed', r.supportSuspected ? 'Ja: de zorgplicht geldt' : 'Nee'],
    ['Volgens de ouders', r.needByParents || '—'],
    ['Volgens de vorige school', r.needBySchool || '—'],
    ['Vastgelegd door', r.createdBy],
  ];
  return (
    <dl className="lr-zp-facts">
      {rows.map(([k, v]) => (
        <div key={k} style={{ display: 'contents' }}>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function ClockFacts({ r }: { r: View }) {
  const c = r.clock;
  return (
    <dl className="lr-zp-facts">
      <dt>Aanmelding ontvangen</dt>
      <dd>{day(c.received)}</dd>
      <dt>Beslissen binnen 6 weken</dt>
      <dd>{day(c.due)}</dd>
      {c.extendedTo && (
        <>
          <dt>Verlengd tot</dt>
          <dd>
            {day(c.extendedTo)} — {r.extensionReason}
          </dd>
        </>
      )}
      <dt>Beslissen uiterlijk</dt>
      <dd>
        <DueCell clock={c} open={r.status === 'open'} />
      </dd>
      <dt>Recht op tijdelijke plaats vanaf</dt>
      <dd>
        {day(c.temporaryPlaceFrom)}
        {c.temporaryPlaceDue && ' (nu: is de leerling nergens ingeschreven, dan heeft hij of zij recht op een tijdelijke plaats)'}
      </dd>
    </dl>
  );
}

function ExtendForm({ r, onDone }: { r: View; onDone: () => void }) {
  const [v, setV] = useState({ extendedTo: r.latestExtension, reason: '' });
  const form = useForm(ExtendInput, (input: z.output<typeof ExtendInput>) => api.post(`zorgplicht/registrations/${r.id}/extension`, input), { prefix: 'verlengen', onDone });
  return (
    <section aria-labelledby="verlengen-titel" className="lr-card">
      <Heading2 id="verlengen-titel">Beslistermijn verlengen</Heading2>
      <Paragraph>De wet staat één verlenging toe, van ten hoogste 4 weken: uiterlijk tot {day(r.latestExtension)}. De ouders krijgen een brief met de reden.</Paragraph>
      <Form form={form} labels={{ 'verlengen.extendedTo': 'Verlengen tot', 'verlengen.reason': 'Reden' }} submit={{ label: 'Verlengen' }} onSubmit={() => form.submit(v)}>
        <DateField name="verlengen.extendedTo" label="Verlengen tot" value={v.extendedTo} onChange={(x) => setV((o) => ({ ...o, extendedTo: x }))} />
        <TextAreaField name="verlengen.reason" label="Reden (de ouders lezen dit in de brief)" value={v.reason} onChange={(x) => setV((o) => ({ ...o, reason: x }))} />
      </Form>
    </section>
  );
}

function DecideForm({ r, onDone }: { r: View; onDone: () => void }) {
  const accepted = r.placements.find((p) => p.status === 'accepted');
  const [v, setV] = useState({ outcome: '', reason: '' });
  const form = useForm(DecideInput, (input: z.output<typeof DecideInput>) => api.post(`zorgplicht/registrations/${r.id}/decision`, input), { prefix: 'besluit', onDone });
  const options = outcomes
    .filter((o) => o !== 'offer_elsewhere' || accepted)
    .map((o) => ({ value: o, label: o === 'offer_elsewhere' && accepted ? `${outcomeLabels[o]}: ${accepted.school.name}` : outcomeLabels[o] }));
  return (
    <section aria-labelledby="besluit-titel" className="lr-card">
      <Heading2 id="besluit-titel">Besluiten</Heading2>
      <Paragraph>
        Niet toelaten kan alleen met een plaats op een andere school die de leerling aanneemt, of als de school volgens haar gepubliceerde profiel vol is. De ouders krijgen
        een brief met het besluit, de reden en waar zij terechtkunnen.
      </Paragraph>
      <Form form={form} labels={{ 'besluit.outcome': 'Besluit', 'besluit.reason': 'Reden' }} submit={{ label: 'Besluit vastleggen' }} onSubmit={() => form.submit(v)}>
        <RadioGroup name="besluit.outcome" legend="Besluit" value={v.outcome} onChange={(x) => setV((o) => ({ ...o, outcome: x }))} options={options} />
        <TextAreaField name="besluit.reason" label="Reden (de ouders lezen dit in de brief)" value={v.reason} onChange={(x) => setV((o) => ({ ...o, reason: x }))} />
      </Form>
    </section>
  );
}

function AnswerForm({ placementId, onDone }: { placementId: string; onDone: () => void }) {
  const [v, setV] = useState({ accept: '', reason: '' });
  const form = useForm(AnswerPlacementInput, (input: z.output<typeof AnswerPlacementInput>) => api.post(`zorgplicht/placements/${placementId}/answer`, input), { prefix: 'antwoord', onDone });
  return (
    <Form
      form={form}
      labels={{ 'antwoord.accept': 'Antwoord', 'antwoord.reason': 'Reden' }}
      submit={{ label: 'Antwoord versturen' }}
      onSubmit={() => form.submit({ accept: v.accept === '' ? undefined : v.accept === 'ja', reason: v.reason })}
    >
      <RadioGroup
        name="antwoord.accept"
        legend="Neemt uw school deze leerling aan?"
        value={v.accept}
        onChange={(x) => setV((o) => ({ ...o, accept: x }))}
        options={[
          { value: 'ja', label: 'Ja, wij nemen de leerling aan' },
          { value: 'nee', label: 'Nee' },
        ]}
      />
      <TextAreaField name="antwoord.reason" label="Reden" value={v.reason} onChange={(x) => setV((o) => ({ ...o, reason: x }))} />
    </Form>
  );
}

function Placements({ r, onDone }: { r: View; onDone: () => void }) {
  if (r.placements.length === 0) return null;
  return (
    <section aria-labelledby="gevraagd-titel">
      <Heading2 id="gevraagd-titel">{r.askedHere ? 'De vraag aan uw school' : 'Gevraagde scholen'}</Heading2>
      {r.placements.map((p) => (
        <div key={p.id} className="lr-card">
          <Paragraph>
            <strong>{p.school.name}</strong>: {placementStatusLabels[p.status]} (gevraagd {dateTime(p.askedAt)}
            {p.answeredAt ? `, geantwoord ${dateTime(p.answeredAt)}` : ''}).
          </Paragraph>
          {p.message && <Paragraph>Vraag: {p.message}</Paragraph>}
          {p.answerReason && <Paragraph>Antwoord: {p.answerReason}</Paragraph>}
          {p.allowed.answer && <AnswerForm placementId={p.id} onDone={onDone} />}
        </div>
      ))}
    </section>
  );
}

/** The placement search: the other schools' published support profiles, those with free places for the level first, then the nearest. */
function PlacementSearchSection({ r, onDone }: { r: View; onDone: () => void }) {
  const [f, setF] = useState({ needId: '', level: r.level ?? '', freeOnly: true });
  const [asking, setAsking] = useState<{ id: string; name: string } | null>(null);
  const [message, setMessage] = useState('');
  const query = { needId: f.needId || undefined, level: f.level || undefined, freeOnly: f.freeOnly ? 'true' : 'false' };
  const search = useQuery({ queryKey: ['zorgplicht', r.id, 'search', query], queryFn: () => api.get<Search>(`zorgplicht/registrations/${r.id}/placement-search`, query) });
  const form = useForm(AskPlacementInput, (input: z.output<typeof AskPlacementInput>) => api.post(`zorgplicht/registrations/${r.id}/placements`, input), {
    prefix: 'vraag',
    onDone: () => {
      setAsking(null);
      setMessage('');
      onDone();
    },
  });
  return (
    <section aria-labelledby="zoeken-titel">
      <Heading2 id="zoeken-titel">Een plaats zoeken op een andere school</Heading2>
      <Paragraph>Kan uw school de ondersteuning niet bieden? Zoek in de gepubliceerde ondersteuningsprofielen van de andere scholen en vraag een school om de leerling aan te nemen. Die school ziet de aanmelding pas als u het vraagt.</Paragraph>
      <div className="lr-filters">
        <SelectField
          name="zoek-behoefte"
          label="Ondersteuningsbehoefte"
          value={f.needId}
          onChange={(x) => setF((o) => ({ ...o, needId: x }))}
          options={[{ value: '', label: 'Alle behoeften' }, ...(search.data?.needs ?? []).map((n) => ({ value: n.id, label: n.name }))]}
        />
        <SelectField name="zoek-niveau" label="Niveau" value={f.level} onChange={(x) => setF((o) => ({ ...o, level: x }))} options={[{ value: '', label: 'Alle niveaus' }, ...levels.map((l) => ({ value: l, label: l }))]} />
        <CheckboxField name="zoek-vrij" label="Alleen scholen met vrije plaatsen" checked={f.freeOnly} onChange={(x) => setF((o) => ({ ...o, freeOnly: x }))} />
      </div>
      {search.isPending && <Loading what="Scholen" />}
      {search.isError && <QueryError error={search.error} />}
      {search.data && (
        <>
          <Paragraph aria-live="polite">{search.data.candidates.length === 1 ? '1 school gevonden.' : `${search.data.candidates.length} scholen gevonden.`}</Paragraph>
          {search.data.candidates.length > 0 && (
            <TableWrap label="Scholen die passen">
              <Table>
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell scope="col">School</TableHeaderCell>
                    <TableHeaderCell scope="col">Soort en niveaus</TableHeaderCell>
                    <TableHeaderCell scope="col">Biedt ondersteuning bij</TableHeaderCell>
                    <TableHeaderCell scope="col">Vrije plaatsen</TableHeaderCell>
                    <TableHeaderCell scope="col">Afstand</TableHeaderCell>
                    <TableHeaderCell scope="col">Vragen</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {search.data.candidates.map((c) => (
                    <TableRow key={c.location.id}>
                      <TableHeaderCell scope="row">
                        {c.school.name} ({c.location.name}, {c.location.city})
                      </TableHeaderCell>
                      <TableCell>
                        {c.kind} {c.levels.join(', ')}
                      </TableCell>
                      <TableCell>{c.needsServed.join(', ') || '—'}</TableCell>
                      <TableCell>{c.freePlaces ?? 'onbekend'}</TableCell>
                      <TableCell>{c.distanceKm === null ? '—' : `${c.distanceKm.toLocaleString('nl-NL')} km`}</TableCell>
                      <TableCell>
                        {c.alreadyAsked ? (
                          'Gevraagd'
                        ) : (
                          <button type="button" className="utrecht-button utrecht-button--secondary-action" onClick={() => setAsking(c.school)}>
                            Vraag deze school<span className="lr-visually-hidden"> ({c.school.name}, {c.location.name})</span>
                          </button>
                        )}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            </TableWrap>
          )}
        </>
      )}
      {asking && (
        <section aria-labelledby="vraag-titel" className="lr-card">
          <Heading2 id="vraag-titel">{asking.name} vragen</Heading2>
          <Form form={form} labels={{ 'vraag.message': 'Bericht' }} submit={{ label: `Vraag ${asking.name}` }} onSubmit={() => form.submit({ schoolId: asking.id, message })}>
            <TextAreaField name="vraag.message" label="Bericht aan de school (welke ondersteuning nodig is)" value={message} onChange={setMessage} />
          </Form>
        </section>
      )}
    </section>
  );
}

/** One registration: the facts, its zorgplicht clock, the extension, the placement search, the decision and the letters. */
export function RegistrationPage() {
  const { id } = useParams();
  const client = useQueryClient();
  const [notice, setNotice] = useState<string | null>(null);
  const reg = useQuery({ queryKey: ['zorgplicht', id], queryFn: () => api.get<View>(`zorgplicht/registrations/${id}`) });
  const done = (message: string) => () => {
    setNotice(message);
    void client.invalidateQueries({ queryKey: ['zorgplicht'] });
  };
  if (reg.isPending) return <Loading what="Aanmelding" />;
  if (reg.isError) return <QueryError error={reg.error} />;
  const r = reg.data;
  return (
    <>
      <PageTitle title={`Aanmelding van ${r.pupil.name}`} />
      {notice && <Notice>{notice}</Notice>}
      <Paragraph>
        <strong>Status:</strong> {statusText(r)}
        {r.offerSchool && ` (${r.offerSchool.name})`}
        {r.pupil.openable && r.pupil.id && (
          <>
            {' '}
            · <Link to={`/leerlingen/${r.pupil.id}`}>Dossier van de leerling</Link>
          </>
        )}
      </Paragraph>
      <Heading2>Termijn</Heading2>
      <ClockFacts r={r} />
      {r.clock.extendedTo && (
        <Paragraph>
          <a href={`/api/zorgplicht/registrations/${r.id}/extension-letter.pdf`} download>
            Brief over de verlenging aan de ouders (pdf)
          </a>
        </Paragraph>
      )}
      {r.status !== 'open' && (
        <>
          <Heading2>Besluit</Heading2>
          <Paragraph>
            {statusText(r)}
            {r.offerSchool && `: ${r.offerSchool.name}`}, op {day(r.clock.decidedOn)} door {r.decidedBy}. {r.outcomeReason}
          </Paragraph>
          <Paragraph>
            <a href={`/api/zorgplicht/registrations/${r.id}/decision-letter.pdf`} download>
              Besluitbrief aan de ouders (pdf)
            </a>
          </Paragraph>
        </>
      )}
      {r.table && !r.table.placed && <Notice type="info">Deze aanmelding ligt aan de plaatsingstafel van het samenwerkingsverband.</Notice>}
      <TableSection r={r} onDone={done} />
      {r.allowed.putOnTable && <PutOnTableForm r={r} onDone={done('De aanmelding ligt nu aan de plaatsingstafel.')} />}
      <Heading2>Gegevens</Heading2>
      <Facts r={r} />
      <Placements r={r} onDone={done('Uw antwoord is verstuurd.')} />
      {r.allowed.extend && <ExtendForm r={r} onDone={done('De termijn is verlengd. Download de brief en stuur hem naar de ouders.')} />}
      {r.allowed.askPlacement && <PlacementSearchSection r={r} onDone={done('De school is gevraagd. Zodra zij antwoordt, ziet u het hier.')} />}
      {r.allowed.decide && <DecideForm r={r} onDone={done('Het besluit is vastgelegd. Download de besluitbrief en stuur hem naar de ouders.')} />}
    </>
  );
}

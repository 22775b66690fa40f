import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Heading2, Heading3, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { z } from 'zod';
import { api } from '../../../web/api.ts';
import { SelectField, TextAreaField, TextField } from '../../../web/forms.tsx';
import { dateTime, day, Link, Loading, Notice, PageTitle, QueryError } from '../../../web/ui.tsx';
import type { PupilList, Signal } from '../../pupils/schema.ts';
import { supportLevelLabels } from '../../pupils/schema.ts';
import { AgreementInput, DecisionInput, decisionKindLabels, decisionKinds, ItemInput, ItemPatch, MeetingPatch, type Meeting, type MeetingItem, type SupportRoute } from '../schema.ts';
import { TextareaField, useSupportRoute } from './common.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';
import './meeting.css';

type Staff = SupportRoute['staff'];
const statusLabels = { planned: 'Gepland', held: 'Gehouden', cancelled: 'Geannuleerd' } as const;

function useRefresh(meetingId: string) {
  const client = useQueryClient();
  return () => client.invalidateQueries({ queryKey: ['meeting', meetingId] });
}

/** Add a pupil: from an open signal, from a class list, or by searching the school's pupils. */
function AddPupil({ meeting }: { meeting: Meeting }) {
  const schoolId = meeting.school.id;
  const refresh = useRefresh(meeting.id);
  const [signalId, setSignalId] = useState('');
  const [classId, setClassId] = useState('');
  const [q, setQ] = useState('');
  const [search, setSearch] = useState('');
  const [pupilId, setPupilId] = useState('');
  const signals = useQuery({ queryKey: ['signals', schoolId, 'open'], queryFn: () => api.get<z.infer<typeof Signal>[]>(`schools/${schoolId}/signals`, { status: 'open' }) });
  const classes = useQuery({ queryKey: ['classes', schoolId], queryFn: () => api.get<{ id: string; name: string }[]>(`schools/${schoolId}/classes`) });
  const pupils = useQuery({
    queryKey: ['pupils', schoolId, classId, search],
    queryFn: () => api.get<z.infer<typeof PupilList>>('pupils', { schoolId, classId, q: search }),
    enabled: !!classId || search.length >= 2,
  });
  const form = useForm(ItemInput, (input) => api.post(`meetings/${meeting.id}/items`, input), { onDone: () => {
    setSignalId('');
    setPupilId('');
    void refresh();
    void signals.refetch();
  } });
  const onAgenda = new Set(meeting.items.map((i) => i.pupil?.id));
  return (
    <section aria-labelledby="toevoegen">
      <Heading2 id="toevoegen">Leerling op de agenda zetten</Heading2>
      <Form
        form={form}
        aria-label="Signaal op de agenda"
        labels={{ pupilId: 'Leerling', signalId: 'Signaal' }}
        onSubmit={() => {
          const s = signals.data?.find((x) => x.id === signalId);
          return form.submit({ pupilId: s?.pupil.id ?? '', signalId: signalId || null });
        }}
        submit={{ label: 'Signaal op de agenda', secondary: true }}
        disabledReason={signalId ? null : 'Kies eerst een signaal.'}
      >
        <SelectField
          name="signalId"
          label="Uit een open signaal"
          value={signalId}
          onChange={setSignalId}
          placeholder={signals.data?.length ? 'Kies een signaal…' : 'Geen open signalen'}
          options={(signals.data ?? []).map((s) => ({ value: s.id, label: `${s.pupil.name}${s.className ? ` (${s.className})` : ''}: ${s.note || s.entry?.body || 'signaal'}`.slice(0, 120) }))}
        />
      </Form>
      <Form
        form={form}
        aria-label="Leerling op de agenda"
        onSubmit={() => form.submit({ pupilId, signalId: null })}
        submit={{ label: 'Leerling op de agenda', secondary: true }}
        disabledReason={pupilId ? null : 'Kies eerst een leerling.'}
      >
        <SelectField name="classId" label="Uit een klas" value={classId} onChange={(v) => { setClassId(v); setSearch(''); setPupilId(''); }} placeholder="Kies een klas…" options={(classes.data ?? []).map((c) => ({ value: c.id, label: c.name }))} />
        <TextField name="zoek-leerling" label="Of zoek op naam of leerlingnummer" type="search" value={q} onChange={(v) => { setQ(v); if (v.trim().length >= 2) { setSearch(v.trim()); setClassId(''); } }} />
        {pupils.isSuccess && (
          <SelectField
            name="pupilId"
            label="Leerling"
            value={pupilId}
            onChange={setPupilId}
            placeholder={pupils.data.pupils.length ? 'Kies een leerling…' : 'Geen leerlingen gevonden'}
            options={pupils.data.pupils.filter((p) => !onAgenda.has(p.id)).map((p) => ({ value: p.id, label: `${p.name}${p.class ? ` (${p.class.name})` : ''}` }))}
          />
        )}
      </Form>
    </section>
  );
}

function SummaryForm({ meetingId, item }: { meetingId: string; item: MeetingItem }) {
  const [summary, setSummary] = useState(item.summary);
  const [saved, setSaved] = useState(false);
  const refresh = useRefresh(meetingId);
  const form = useForm(ItemPatch, (input) => api.patch(`meetings/${meetingId}/items/${item.id}`, input), { prefix: `samenvatting-${item.id}`, onDone: () => {
    setSaved(true);
    void refresh();
  } });
  return (
    <Form
      form={form}
      className="lr-form lr-agenda__summary"
      onSubmit={() => {
        setSaved(false);
        return form.submit({ summary });
      }}
      submit={{ label: 'Samenvatting opslaan', secondary: true }}
      after={saved && <span role="status">Opgeslagen.</span>}
    >
      <TextAreaField name="summary" label="Samenvatting van de bespreking" description="Feitelijk: wat is besproken, zonder meningen." value={summary} onChange={(v) => { setSummary(v); setSaved(false); }} rows={8} maxLength={10_000} />
    </Form>
  );
}

/** The decisions an agenda item most often ends in: one click each (the kind says what was decided). */
const quickDecisions = ['make_opp', 'refer_sot_plus', 'refer_partnership'] as const;

function DecisionForm({ meetingId, item, staff }: { meetingId: string; item: MeetingItem; staff: Staff }) {
  const [kind, setKind] = useState('');
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const refresh = useRefresh(meetingId);
  const form = useForm(DecisionInput, (input) => api.post(`meetings/${meetingId}/items/${item.id}/decisions`, input), { prefix: `besluit-${item.id}`, onDone: () => {
    setKind('');
    setValue('');
    setNote('');
    void refresh();
  } });
  const id = (f: string) => `${f}-${item.id}`;
  return (
    <Form
      form={form}
      onSubmit={() => form.submit({ kind, value, note })}
      submit={{ label: 'Besluit vastleggen', secondary: true }}
      disabledReason={kind ? null : 'Kies eerst een soort besluit.'}
      intro={
        <div className="lr-agenda__quick" role="group" aria-label="Snel besluiten">
          {quickDecisions.map((k) => (
            <Button key={k} type="button" appearance="secondary-action-button" disabled={form.sending} onClick={() => void form.submit({ kind: k, value: '', note: '' })}>
              {decisionKindLabels[k]}
            </Button>
          ))}
        </div>
      }
    >
      <SelectField name={id('besluit')} label="Besluit" value={kind} onChange={(v) => { setKind(v); setValue(''); }} placeholder="Kies…" options={decisionKinds.map((k) => ({ value: k, label: decisionKindLabels[k] }))} error={form.errors[`besluit-${item.id}.kind`]} />
      {kind === 'support_level' && (
        <SelectField name={id('niveau')} label="Nieuw ondersteuningsniveau" value={value} onChange={setValue} placeholder="Kies…" options={Object.entries(supportLevelLabels).map(([v, l]) => ({ value: v, label: l }))} error={form.errors[`besluit-${item.id}.value`]} />
      )}
      {kind === 'case_manager' && (
        <SelectField name={id('casemanager')} label="Casemanager" value={value} onChange={setValue} placeholder="Kies…" options={staff.map((s) => ({ value: s.id, label: s.name }))} error={form.errors[`besluit-${item.id}.value`]} />
      )}
      {kind && kind !== 'support_level' && kind !== 'case_manager' && (
        <TextareaField name={id('inhoud')} label={kind === 'handelingsadvies' ? 'Handelingsadvies voor docenten' : 'Besluit'} value={value} onChange={setValue} error={form.errors[`besluit-${item.id}.value`]} rows={4} />
      )}
      {kind && <TextField name={id('toelichting')} label="Toelichting (optioneel)" value={note} onChange={setNote} error={form.errors[`besluit-${item.id}.note`]} />}
    </Form>
  );
}

function AgreementForm({ meetingId, item, staff }: { meetingId: string; item: MeetingItem; staff: Staff }) {
  const [what, setWhat] = useState('');
  const [ownerId, setOwnerId] = useState('');
  const [dueOn, setDueOn] = useState('');
  const refresh = useRefresh(meetingId);
  const form = useForm(AgreementInput, (input) => api.post(`meetings/${meetingId}/items/${item.id}/agreements`, input), { prefix: `afspraak-${item.id}`, onDone: () => {
    setWhat('');
    setOwnerId('');
    setDueOn('');
    void refresh();
  } });
  const id = (f: string) => `afspraak-${item.id}.${f}`;
  return (
    <Form
      form={form}
      onSubmit={() => form.submit({ what, ownerId, dueOn })}
      submit={{ label: 'Afspraak vastleggen', secondary: true }}
      labels={{ [id('what')]: 'Wat', [id('ownerId')]: 'Wie', [id('dueOn')]: 'Wanneer klaar' }}
    >
      <TextField name={id('what')} label="Wat (specifiek en meetbaar)" value={what} onChange={setWhat} />
      <SelectField name={id('ownerId')} label="Wie" value={ownerId} onChange={setOwnerId} placeholder="Kies…" options={staff.map((s) => ({ value: s.id, label: s.name }))} />
      <TextField name={id('dueOn')} label="Wanneer klaar" type="date" value={dueOn} onChange={setDueOn} />
    </Form>
  );
}

function Item({ meeting, item, staff }: { meeting: Meeting; item: MeetingItem; staff: Staff }) {
  if (!item.pupil) {
    return (
      <li className="lr-card lr-agenda__item lr-agenda__item--other">
        <Paragraph className="lr-muted">Een andere leerling (niet uit uw klassen).</Paragraph>
      </li>
    );
  }
  return <PupilItem meeting={meeting} item={{ ...item, pupil: item.pupil }} staff={staff} />;
}

function PupilItem({ meeting, item, staff }: { meeting: Meeting; item: MeetingItem & { pupil: NonNullable<MeetingItem['pupil']> }; staff: Staff }) {
  const manage = meeting.allowed.manage && meeting.status !== 'cancelled';
  const refresh = useRefresh(meeting.id);
  const [error, setError] = useState<string | null>(null);
  const hid = `leerling-${item.id}`;
  return (
    <li className="lr-card lr-agenda__item" aria-labelledby={hid}>
      <div className="lr-agenda__talk">
      <Heading3 id={hid}>
        <Link to={`/leerlingen/${item.pupil.id}`}>{item.pupil.name}</Link>
        {item.pupil.className ? ` (${item.pupil.className})` : ''}
      </Heading3>
      <Paragraph className="lr-small">
        {supportLevelLabels[item.pupil.supportLevel as keyof typeof supportLevelLabels] ?? item.pupil.supportLevel}
        {item.signal ? ` · uit signaal: ${item.signal.note || 'zonder toelichting'}` : ''}
      </Paragraph>
      {manage ? <SummaryForm meetingId={meeting.id} item={item} /> : <Paragraph className="lr-agenda__text">{item.summary || <span className="lr-muted">Nog geen samenvatting.</span>}</Paragraph>}
      </div>
      <div className="lr-agenda__outcome">
      <Heading3>Besluiten</Heading3>
      {item.decisions.length === 0 ? (
        <Paragraph className="lr-muted">Nog geen besluiten.</Paragraph>
      ) : (
        <UnorderedList>
          {item.decisions.map((d) => (
            <UnorderedListItem key={d.id}>
              {decisionKindLabels[d.kind]}
              {d.valueLabel ? `: ${d.valueLabel}` : ''}
              {d.note ? ` (${d.note})` : ''} <span className="lr-muted">— {d.decidedBy.name}</span>
            </UnorderedListItem>
          ))}
        </UnorderedList>
      )}
      {manage && <DecisionForm meetingId={meeting.id} item={item} staff={staff} />}
      <Heading3>Afspraken</Heading3>
      {item.agreements.length === 0 ? (
        <Paragraph className="lr-muted">Nog geen afspraken.</Paragraph>
      ) : (
        <UnorderedList>
          {item.agreements.map((a) => (
            <UnorderedListItem key={a.id}>
              {a.what} — {a.owner.name}, uiterlijk {day(a.dueOn)}
              {a.doneAt ? ' · gedaan' : a.overdue ? ' · te laat' : ''}
            </UnorderedListItem>
          ))}
        </UnorderedList>
      )}
      {manage && <AgreementForm meetingId={meeting.id} item={item} staff={staff} />}
      {manage && item.decisions.length === 0 && item.agreements.length === 0 && (
        <Button
          appearance="subtle-button"
          onClick={async () => {
            try {
              await api.delete(`meetings/${meeting.id}/items/${item.id}`);
              void refresh();
            } catch (e) {
              setError((e as Error).message);
            }
          }}
        >
          Van de agenda halen
        </Button>
      )}
      {error && <Notice type="error">{error}</Notice>}
      </div>
    </li>
  );
}

function StatusButtons({ meeting }: { meeting: Meeting }) {
  const refresh = useRefresh(meeting.id);
  const form = useForm(MeetingPatch, (input) => api.patch(`meetings/${meeting.id}`, input), { onDone: () => void refresh() });
  if (!meeting.allowed.manage) return null;
  return (
    <>
      {meeting.status !== 'held' && (
        <Button appearance="secondary-action-button" disabled={form.sending} onClick={() => void form.submit({ status: 'held' })}>
          Markeer als gehouden
        </Button>
      )}
      {meeting.status === 'planned' && (
        <Button appearance="subtle-button" disabled={form.sending} onClick={() => void form.submit({ status: 'cancelled' })}>
          Annuleren
        </Button>
      )}
    </>
  );
}

/** Overleg: the agenda of pupils; per pupil the summary, decisions and SMART agreements. */
export function MeetingPage() {
  const { id = '' } = useParams();
  const meeting = useQuery({ queryKey: ['meeting', id], queryFn: () => api.get<Meeting>(`meetings/${id}`) });
  const schoolId = meeting.data?.allowed.manage ? meeting.data.school.id : '';
  const route = useSupportRoute(schoolId);
  const staff = route.data?.staff ?? [];
  if (meeting.isPending) return <Loading what="Overleg" />;
  if (meeting.isError) return <QueryError error={meeting.error} />;
  const m = meeting.data;
  return (
    <>
      <PageTitle title={`${m.kind.name}, ${dateTime(m.startsAt)}`}>
        <a className="utrecht-button utrecht-button--secondary-action lr-button-link lr-no-print" href={`/api/meetings/${m.id}/minutes.pdf`} download>
          {m.status === 'held' ? 'Verslag (pdf)' : 'Agenda (pdf)'}
        </a>
        <StatusButtons meeting={m} />
      </PageTitle>
      <Paragraph>
        {m.school.name}
        {m.location ? ` · ${m.location}` : ''} · {statusLabels[m.status]} · gepland door {m.createdBy.name}
      </Paragraph>
      <Paragraph>
        <strong>Deelnemers:</strong> {m.attendees.map((a) => a.name).join(', ') || 'nog niemand'}
      </Paragraph>
      <Heading2>Agenda</Heading2>
      {m.items.length === 0 ? <Paragraph>Er staan nog geen leerlingen op de agenda.</Paragraph> : (
        <ol className="lr-agenda">
          {m.items.map((i) => (
            <Item key={i.id} meeting={m} item={i} staff={staff} />
          ))}
        </ol>
      )}
      {m.allowed.manage && m.status !== 'cancelled' && <AddPupil meeting={m} />}
      <Paragraph>
        <Link to={`/ondersteuning/overleggen?school=${m.school.id}`}>Terug naar de overleggen</Link>
      </Paragraph>
    </>
  );
}

import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Paragraph, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { z } from 'zod';
import { api } from '../../../web/api.ts';
import { SelectField } from '../../../web/forms.tsx';
import { dateTime, day, Link, Loading, Notice, PageTitle, QueryError } from '../../../web/ui.tsx';
import type { Signal } from '../../pupils/schema.ts';
import { ItemInput, type ActionItem, type MeetingList } from '../schema.ts';
import { useSchoolChoice } from '../../../web/session.tsx';
import { SchoolPicker } from './common.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';
import { TableWrap } from '../../../web/list-table.tsx';

function DoneButton({ a, onDone }: { a: ActionItem; onDone: () => void }) {
  const [sending, setSending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  if (!a.allowed.markDone) return null;
  return (
    <>
      <Button
        appearance="secondary-action-button"
        disabled={sending}
        aria-label={`${a.what} klaar melden`}
        onClick={async () => {
          setSending(true);
          try {
            await api.post(`agreements/${a.id}/done`);
            onDone();
          } catch (e) {
            setError((e as Error).message);
          }
          setSending(false);
        }}
      >
        Klaar
      </Button>
      {error && <span role="alert"> {error}</span>}
    </>
  );
}

function ActionsTable({ actions, onDone, showOwner = false }: { actions: ActionItem[]; onDone: () => void; showOwner?: boolean }) {
  return (
    <TableWrap label="Afspraken">
      <Table>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Uiterlijk</TableHeaderCell>
            <TableHeaderCell scope="col">Wat</TableHeaderCell>
            <TableHeaderCell scope="col">Leerling</TableHeaderCell>
            {showOwner && <TableHeaderCell scope="col">Wie</TableHeaderCell>}
            <TableHeaderCell scope="col">Uit overleg</TableHeaderCell>
            <TableHeaderCell scope="col">Actie</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {actions.map((a) => (
            <TableRow key={a.id}>
              <TableCell>
                {day(a.dueOn)}
                {a.doneAt ? <span className="lr-badge"> gedaan</span> : a.overdue ? <strong className="lr-badge lr-badge--late"> te laat</strong> : null}
              </TableCell>
              <TableCell>{a.what}</TableCell>
              <TableCell>{a.pupil ? <Link to={`/leerlingen/${a.pupil.id}`}>{a.pupil.name}</Link> : '—'}</TableCell>
              {showOwner && <TableCell>{a.owner.name}</TableCell>}
              <TableCell>{a.meeting ? <Link to={`/ondersteuning/overleggen/${a.meeting.id}`}>{`${a.meeting.kind}, ${dateTime(a.meeting.startsAt)}`}</Link> : a.school.name}</TableCell>
              <TableCell>
                <DoneButton a={a} onDone={onDone} />
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableWrap>
  );
}

/** Mijn acties: my open agreements across schools, overdue ones flagged. */
export function MyActionsPage() {
  const client = useQueryClient();
  const list = useQuery({ queryKey: ['my-actions'], queryFn: () => api.get<{ actions: ActionItem[] }>('my/actions') });
  const overdue = list.data?.actions.filter((a) => a.overdue).length ?? 0;
  return (
    <>
      <PageTitle title="Mijn acties" />
      {list.isPending && <Loading what="Acties" />}
      {list.isError && <QueryError error={list.error} />}
      {list.isSuccess && (
        <>
          {overdue > 0 && <Notice type="warning">{overdue === 1 ? '1 actie is' : `${overdue} acties zijn`} over de streefdatum.</Notice>}
          {list.data.actions.length === 0 ? (
            <Paragraph>U heeft geen openstaande acties.</Paragraph>
          ) : (
            <ActionsTable actions={list.data.actions} onDone={() => void client.invalidateQueries({ queryKey: ['my-actions'] })} />
          )}
        </>
      )}
    </>
  );
}

const statusOptions = [
  { value: 'overdue', label: 'Te laat' },
  { value: 'open', label: 'Open' },
  { value: 'done', label: 'Gedaan' },
  { value: 'all', label: 'Alle' },
];

/** Afspraken: the school's agreements for the OCO and school leader, overdue ones first in view. */
export function SchoolAgreementsPage() {
  const choice = useSchoolChoice('overseeAgreements');
  const status = choice.params.get('status') ?? 'overdue';
  const client = useQueryClient();
  const list = useQuery({
    queryKey: ['school-agreements', choice.schoolId, status],
    queryFn: () => api.get<{ agreements: ActionItem[] }>(`schools/${choice.schoolId}/agreements`, { status }),
    enabled: !!choice.schoolId,
  });
  return (
    <>
      <PageTitle title="Afspraken van de school" />
      <SchoolPicker {...choice} />
      <div className="lr-filters">
        <SelectField
          name="status"
          label="Toon"
          value={status}
          onChange={(v) => {
            const p = new URLSearchParams(choice.params);
            p.set('status', v);
            choice.setParams(p, { replace: true });
          }}
          options={statusOptions}
        />
      </div>
      {!choice.schoolId && <Notice type="info">Dit overzicht is voor de OCO, het ondersteuningsteam en de schoolleiding.</Notice>}
      {list.isPending && choice.schoolId && <Loading what="Afspraken" />}
      {list.isError && <QueryError error={list.error} />}
      {list.isSuccess &&
        (list.data.agreements.length === 0 ? (
          <Paragraph>Geen afspraken in deze selectie.</Paragraph>
        ) : (
          <ActionsTable actions={list.data.agreements} showOwner onDone={() => void client.invalidateQueries({ queryKey: ['school-agreements'] })} />
        ))}
    </>
  );
}

/** A signal onto the agenda of a planned meeting (the first unless another is chosen); a refusal shows in the row. */
function AgendaForm({ signal, planned, onSubmit, onDone }: { signal: z.infer<typeof Signal>; planned: MeetingList['meetings']; onSubmit: () => void; onDone: () => void }) {
  const [meetingId, setMeetingId] = useState(planned[0]!.id);
  const form = useForm(ItemInput, (input) => api.post(`meetings/${meetingId}/items`, input), { prefix: `signaal-${signal.id}`, onDone });
  return (
    <Form
      form={form}
      className=""
      onSubmit={() => {
        onSubmit();
        return form.submit({ pupilId: signal.pupil.id, signalId: signal.id });
      }}
      submit={{ label: 'Op de agenda', secondary: true }}
    >
      <SelectField
        name={`overleg-${signal.id}`}
        label={`Overleg voor ${signal.pupil.name}`}
        value={meetingId}
        onChange={setMeetingId}
        options={planned.map((m) => ({ value: m.id, label: `${m.kind.name}, ${dateTime(m.startsAt)}` }))}
      />
    </Form>
  );
}

/** Signalen: the school's open signals for the OCO, each to be put on the agenda of a coming meeting. */
export function SignalsPage() {
  const choice = useSchoolChoice('listSignals');
  const client = useQueryClient();
  const signals = useQuery({
    queryKey: ['signals', choice.schoolId, 'open'],
    queryFn: () => api.get<z.infer<typeof Signal>[]>(`schools/${choice.schoolId}/signals`, { status: 'open' }),
    enabled: !!choice.schoolId,
  });
  const meetings = useQuery({
    queryKey: ['meetings', choice.schoolId, 'upcoming'],
    queryFn: () => api.get<MeetingList>(`schools/${choice.schoolId}/meetings`, { when: 'upcoming' }),
    enabled: !!choice.schoolId,
  });
  const [message, setMessage] = useState<string | null>(null);
  const planned = (meetings.data?.meetings ?? []).filter((m) => m.status === 'planned');
  const canPlan = !!meetings.data?.allowed.plan;
  return (
    <>
      <PageTitle title="Signalen" />
      <Paragraph>Zorgen die mentoren en docenten aan de OCO hebben gesignaleerd. Zet een leerling op de agenda van een overleg; het signaal staat dan ‘op de agenda’.</Paragraph>
      <SchoolPicker {...choice} />
      {message && <Notice>{message}</Notice>}
      {signals.isPending && choice.schoolId && <Loading what="Signalen" />}
      {signals.isError && <QueryError error={signals.error} />}
      {signals.isSuccess &&
        (signals.data.length === 0 ? (
          <Paragraph>Er zijn geen open signalen.</Paragraph>
        ) : (
          <TableWrap label="Signalen">
            <Table>
              <TableHeader>
                <TableRow>
                  <TableHeaderCell scope="col">Gesignaleerd</TableHeaderCell>
                  <TableHeaderCell scope="col">Leerling</TableHeaderCell>
                  <TableHeaderCell scope="col">Signaal</TableHeaderCell>
                  <TableHeaderCell scope="col">Door</TableHeaderCell>
                  {canPlan && <TableHeaderCell scope="col">Op de agenda</TableHeaderCell>}
                </TableRow>
              </TableHeader>
              <TableBody>
                {signals.data.map((s) => (
                  <TableRow key={s.id}>
                    <TableCell>{dateTime(s.createdAt)}</TableCell>
                    <TableCell>
                      <Link to={`/leerlingen/${s.pupil.id}`}>{s.pupil.name}</Link>
                      {s.className ? ` (${s.className})` : ''}
                    </TableCell>
                    <TableCell>{s.note || s.entry?.body || '—'}</TableCell>
                    <TableCell>{s.raisedBy.name}</TableCell>
                    {canPlan && (
                      <TableCell>
                        {planned.length === 0 ? (
                          <Link to={`/ondersteuning/overleggen?school=${choice.schoolId}`}>Eerst een overleg plannen</Link>
                        ) : (
                          <AgendaForm
                            signal={s}
                            planned={planned}
                            onSubmit={() => setMessage(null)}
                            onDone={() => {
                              setMessage(`${s.pupil.name} staat op de agenda.`);
                              void client.invalidateQueries({ queryKey: ['signals'] });
                              void client.invalidateQueries({ queryKey: ['meetings'] });
                            }}
                          />
                        )}
                      </TableCell>
                    )}
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </TableWrap>
        ))}
    </>
  );
}

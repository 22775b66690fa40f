import { useQuery } from '@tanstack/react-query';
import { Paragraph, PrimaryActionButton, SecondaryActionButton } from '@utrecht/component-library-react';
import { useState } from 'react';
import { Form, useForm } from '../../../web/use-form.tsx';
import { api } from '../../../web/api.ts';
import { Disclosure, fieldId, SelectField, TextAreaField } from '../../../web/forms.tsx';
import { InlineError, QueryError } from '../../../web/ui.tsx';
import { AnswerConsultationInput, disciplineLabels, disciplines, ExpertsInput, TakeInput, ToDecisionInput } from '../schema.ts';
import { ReqSection, staffKey, useAction, useMe, useRefresh, useSendTo, type RequestData, type StaffList } from './request-kit.tsx';

const useStaff = (enabled: boolean) => useQuery({ queryKey: staffKey, queryFn: () => api.get<StaffList>('request-staff'), enabled, staleTime: 5 * 60_000 });

/** What the partnership does with a request, each control only when `can` allows it. */
export function HandlingSection({ r, onFlash }: { r: RequestData; onFlash: (m: string) => void }) {
  const c = r.can;
  if (!c.take && !c.assignExperts && !c.toDecision && !c.answerConsultation) return null;
  return (
    <ReqSection id="behandeling" title="Behandeling">
      {c.take && <TakeBlock r={r} onFlash={onFlash} />}
      {c.assignExperts && <ExpertsForm r={r} onFlash={onFlash} />}
      {c.toDecision && <NoteForm r={r} kind="toDecision" onFlash={onFlash} />}
      {c.answerConsultation && <NoteForm r={r} kind="answerConsultation" onFlash={onFlash} />}
    </ReqSection>
  );
}

/** The loket: take it yourself, or pass it to a colleague. */
function TakeBlock({ r, onFlash }: { r: RequestData; onFlash: (m: string) => void }) {
  const me = useMe();
  const refresh = useRefresh(r.id);
  const staff = useStaff(true);
  const take = useAction();
  const [open, setOpen] = useState(false);
  const [consultantId, setConsultantId] = useState('');
  const form = useForm(TakeInput, (input) => assign(input.consultantId, staff.data?.consultants.find((s) => s.id === input.consultantId)?.name ?? ''), { prefix: 'toewijzen' });
  const mine = r.assignedTo?.id === me.id;

  async function assign(id: string, name: string) {
    return api.post(`requests/${r.id}/assign`, { consultantId: id }).then(async () => {
      await refresh();
      onFlash(id === me.id ? 'U behandelt deze aanvraag nu.' : `De aanvraag is toegewezen aan ${name}.`);
    });
  }

  return (
    <div className="lr-req-block">
      <Paragraph>{r.assignedTo ? `Consulent: ${r.assignedTo.name}${mine ? ' (u)' : ''}.` : 'Nog niemand behandelt deze aanvraag.'}</Paragraph>
      <InlineError message={take.error} />
      <div className="lr-req-actions">
        {!mine && (
          <PrimaryActionButton type="button" disabled={take.busy} busy={take.busy} onClick={() => void take.run(() => assign(me.id, ''))}>
            Zelf oppakken
          </PrimaryActionButton>
        )}
        <Disclosure id="toewijzen-formulier" label={r.assignedTo ? 'Andere consulent toewijzen' : 'Toewijzen aan een consulent'} open={open} onOpenChange={setOpen}>
          {staff.isError ? (
            <QueryError error={staff.error} />
          ) : (
            <Form
              form={form}
              aria-label="Toewijzen aan een consulent"
              onSubmit={() => {
                const who = staff.data?.consultants.find((s) => s.id === consultantId);
                if (!who) return form.fail({ 'toewijzen.consultantId': 'Kies een consulent.' });
                return form.submit({ consultantId: who.id }).then((ok) => ok && setOpen(false));
              }}
              labels={{ 'toewijzen.consultantId': 'Consulent' }}
              submit={{ label: 'Toewijzen' }}
            >
              <SelectField
                name="toewijzen.consultantId"
                label="Consulent"
                value={consultantId}
                onChange={setConsultantId}
                placeholder={staff.isPending ? 'Laden…' : 'Kies een consulent'}
                options={(staff.data?.consultants ?? []).map((s) => ({ value: s.id, label: s.id === me.id ? `${s.name} (u)` : s.name }))}
              />
            </Form>
          )}
        </Disclosure>
      </div>
    </div>
  );
}

interface ExpertRow {
  userId: string;
  discipline: string;
}

/**
 * Two (up to four) experts advise on a TLV; the law asks one of them to be
 * an orthopedagoog or a psycholoog.
 */
function ExpertsForm({ r, onFlash }: { r: RequestData; onFlash: (m: string) => void }) {
  const sendTo = useSendTo(r.id);
  const staff = useStaff(true);
  const [rows, setRows] = useState<ExpertRow[]>(() =>
    r.experts.length >= 2 ? r.experts.map((e) => ({ userId: e.expert.id, discipline: e.discipline })) : [{ userId: '', discipline: 'orthopedagoog' }, { userId: '', discipline: '' }],
  );
  const form = useForm(ExpertsInput, sendTo('experts'), { prefix: 'deskundigen' });
  const setRow = (i: number, patch: Partial<ExpertRow>) => setRows((x) => x.map((row, j) => (j === i ? { ...row, ...patch } : row)));
  const labels: Record<string, string> = { 'deskundigen.experts': 'Deskundigen' };
  rows.forEach((_, i) => {
    labels[`deskundigen.experts.${i}.userId`] = `Deskundige ${i + 1}`;
    labels[`deskundigen.experts.${i}.discipline`] = `Deskundige ${i + 1}: deskundigheid`;
  });

  async function send() {
    const ok = await form.submit({ experts: rows });
    if (ok) onFlash('De deskundigen zijn gevraagd om advies.');
  }

  return (
    <Form
      form={form}
      className="lr-form lr-req-block"
      aria-labelledby="deskundigen-kop"
      onSubmit={send}
      labels={labels}
      intro={
        <>
          <h3 className="utrecht-heading-3" id="deskundigen-kop">
            {r.experts.length ? 'Deskundigen wijzigen' : 'Deskundigen vragen om advies'}
          </h3>
          <Paragraph className="lr-muted">Twee deskundigen adviseren over de toelaatbaarheid; één van hen is orthopedagoog of psycholoog.</Paragraph>
        </>
      }
      submit={{ label: 'Deskundigen vragen' }}
    >
      {form.errors['deskundigen.experts'] && (
        <p className="lr-inline-error" id={fieldId('deskundigen.experts')} tabIndex={-1}>
          {form.errors['deskundigen.experts']}
        </p>
      )}
      {staff.isError && <QueryError error={staff.error} />}
      {rows.map((row, i) => (
        <fieldset key={i} className="lr-req-row">
          <legend className="lr-req-legend">Deskundige {i + 1}</legend>
          <div className="lr-req-grid2">
            <SelectField
              name={`deskundigen.experts.${i}.userId`}
              label="Naam"
              value={row.userId}
              onChange={(v) => {
                // The discipline the expert last advised in; the consultant can still change it.
                const known = staff.data?.experts.find((s) => s.id === v)?.discipline;
                setRow(i, { userId: v, ...(known ? { discipline: known } : {}) });
              }}
              placeholder={staff.isPending ? 'Laden…' : 'Kies een deskundige'}
              options={(staff.data?.experts ?? []).map((s) => ({ value: s.id, label: s.discipline ? `${s.name} (${disciplineLabels[s.discipline].toLowerCase()})` : s.name }))}
            />
            <SelectField
              name={`deskundigen.experts.${i}.discipline`}
              label="Deskundigheid"
              value={row.discipline}
              onChange={(v) => setRow(i, { discipline: v })}
              placeholder="Kies de deskundigheid"
              options={disciplines.map((d) => ({ value: d, label: disciplineLabels[d] }))}
            />
          </div>
          {rows.length > 2 && (
            <button type="button" className="utrecht-button utrecht-button--subtle" onClick={() => setRows((x) => x.filter((_, j) => j !== i))}>
              Deskundige {i + 1} weghalen
            </button>
          )}
        </fieldset>
      ))}
      {rows.length < 4 && (
        <div>
          <SecondaryActionButton type="button" onClick={() => setRows((x) => [...x, { userId: '', discipline: '' }])}>
            Nog een deskundige
          </SecondaryActionButton>
        </div>
      )}
    </Form>
  );
}

/** Arrangement/OPDC: the consultant's advice to the director; consultation: the answer to the school. */
function NoteForm({ r, kind, onFlash }: { r: RequestData; kind: 'toDecision' | 'answerConsultation'; onFlash: (m: string) => void }) {
  const refresh = useRefresh(r.id);
  const [text, setText] = useState('');
  const toDecision = kind === 'toDecision';
  const prefix = toDecision ? 'naar-besluit' : 'consultatie';
  const form = useForm(
    toDecision ? ToDecisionInput : AnswerConsultationInput,
    async (input) => {
      await api.post(`requests/${r.id}/${toDecision ? 'to-decision' : 'answer-consultation'}`, input);
      await refresh();
    },
    { prefix },
  );
  async function send() {
    const ok = await form.submit(toDecision ? { note: text } : { body: text });
    if (ok) {
      setText('');
      onFlash(toDecision ? 'De aanvraag ligt klaar voor het besluit van de directeur.' : 'Het antwoord is naar de school gestuurd.');
    }
  }
  const field = toDecision ? 'note' : 'body';
  return (
    <Form
      form={form}
      className="lr-form lr-req-block"
      aria-labelledby={`${prefix}-kop`}
      onSubmit={send}
      labels={{ [`${prefix}.${field}`]: toDecision ? 'Advies' : 'Antwoord' }}
      intro={
        <h3 className="utrecht-heading-3" id={`${prefix}-kop`}>
          {toDecision ? 'Naar de directeur voor besluit' : 'De consultatievraag beantwoorden'}
        </h3>
      }
      submit={{ label: toDecision ? 'Naar besluit' : 'Antwoord versturen' }}
    >
      <TextAreaField name={`${prefix}.${field}`} label={toDecision ? 'Uw advies aan de directeur' : 'Uw antwoord aan de school'} rows={5} value={text} onChange={setText} />
    </Form>
  );
}

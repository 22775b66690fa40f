import { Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { Form, useForm } from '../../../web/use-form.tsx';
import { api } from '../../../web/api.ts';
import { Disclosure, TextAreaField, TextField } from '../../../web/forms.tsx';
import { day } from '../../../web/ui.tsx';
import { today } from '../../../platform/time.ts';
import { ObjectionInput, ObjectionOutcomeInput } from '../schema.ts';
import { objectionStatusLabels, RadioGroup, ReqSection, useRefresh, useSendTo, type RequestData } from './request-kit.tsx';

type Objection = RequestData['objections'][number];

/** Objections (bezwaar) against the decision: the register, and the outcome after the committee's advice. */
export function ObjectionsSection({ r, onFlash }: { r: RequestData; onFlash: (m: string) => void }) {
  if (r.objections.length === 0 && !r.can.objection) return null;
  return (
    <ReqSection id="bezwaar" title="Bezwaar">
      {r.objections.length === 0 ? (
        <Paragraph className="lr-muted">Er is geen bezwaar gemaakt.</Paragraph>
      ) : (
        <ul className="lr-req-list">
          {r.objections.map((o) => (
            <li key={o.id} className="lr-req-objection" data-testid="bezwaar">
              <div className="lr-req-msg__head">
                <span>
                  <strong>Bezwaar van {o.lodgedBy}</strong>, ontvangen {day(o.lodgedOn)}
                </span>
                <span className={`lr-badge ${o.status === 'open' ? 'lr-req-open' : ''}`}>{objectionStatusLabels[o.status]}</span>
              </div>
              <p className="lr-req-pre">{o.grounds}</p>
              {o.status !== 'open' && (
                <p className="lr-small">
                  {o.committeeAdviceOn ? `Advies van de commissie op ${day(o.committeeAdviceOn)}. ` : ''}
                  Beslist op {day(o.outcomeOn)}: {o.outcomeNotes}
                </p>
              )}
              {o.status === 'open' && r.can.objection && <OutcomeForm r={r} o={o} onFlash={onFlash} />}
            </li>
          ))}
        </ul>
      )}
      {r.can.objection && <RegisterForm r={r} onFlash={onFlash} />}
    </ReqSection>
  );
}

function RegisterForm({ r, onFlash }: { r: RequestData; onFlash: (m: string) => void }) {
  const sendTo = useSendTo(r.id);
  const [open, setOpen] = useState(false);
  const [v, setV] = useState({ lodgedOn: today(), lodgedBy: '', grounds: '' });
  const set = (k: keyof typeof v) => (x: string) => setV((old) => ({ ...old, [k]: x }));
  const form = useForm(ObjectionInput, sendTo('objections'), { prefix: 'bezwaar' });
  async function send() {
    const ok = await form.submit(v);
    if (ok) {
      setOpen(false);
      setV({ lodgedOn: today(), lodgedBy: '', grounds: '' });
      onFlash('Het bezwaar is geregistreerd.');
    }
  }
  return (
    <Disclosure id="bezwaar-formulier" label="Bezwaar registreren" open={open} onOpenChange={setOpen}>
      <Form
        form={form}
        aria-label="Bezwaar registreren"
        onSubmit={send}
        labels={{ 'bezwaar.lodgedOn': 'Ontvangen op', 'bezwaar.lodgedBy': 'Van wie', 'bezwaar.grounds': 'Gronden' }}
        submit={{ label: 'Bezwaar vastleggen' }}
      >
        <TextField name="bezwaar.lodgedOn" label="Ontvangen op" type="date" value={v.lodgedOn} onChange={set('lodgedOn')} />
        <TextField name="bezwaar.lodgedBy" label="Wie maakt bezwaar?" autoComplete="off" value={v.lodgedBy} onChange={set('lodgedBy')} />
        <TextAreaField name="bezwaar.grounds" label="Gronden van het bezwaar (samenvatting)" rows={4} value={v.grounds} onChange={set('grounds')} />
      </Form>
    </Disclosure>
  );
}

function OutcomeForm({ r, o, onFlash }: { r: RequestData; o: Objection; onFlash: (m: string) => void }) {
  const refresh = useRefresh(r.id);
  const [open, setOpen] = useState(false);
  const prefix = `uitkomst-${o.id}`;
  const [v, setV] = useState({ status: '', committeeAdviceOn: '', outcomeOn: today(), outcomeNotes: '' });
  const set = (k: keyof typeof v) => (x: string) => setV((old) => ({ ...old, [k]: x }));
  const form = useForm(
    ObjectionOutcomeInput,
    async (input) => {
      await api.patch(`objections/${o.id}`, input);
      await refresh();
    },
    { prefix },
  );
  async function send() {
    const ok = await form.submit({ ...v, status: v.status || undefined, committeeAdviceOn: v.committeeAdviceOn || null });
    if (ok) {
      setOpen(false);
      onFlash('De uitkomst van het bezwaar is vastgelegd.');
    }
  }
  return (
    <Disclosure id={`${prefix}-formulier`} label="Uitkomst vastleggen" open={open} onOpenChange={setOpen}>
      <Form
        form={form}
        aria-label={`Uitkomst van het bezwaar van ${o.lodgedBy}`}
        onSubmit={send}
        labels={{ [`${prefix}.status`]: 'Uitkomst', [`${prefix}.outcomeOn`]: 'Beslist op', [`${prefix}.outcomeNotes`]: 'Toelichting', [`${prefix}.committeeAdviceOn`]: 'Advies commissie' }}
        submit={{ label: 'Uitkomst opslaan' }}
      >
        <RadioGroup
          name={`${prefix}.status`}
          legend="Uitkomst"
          value={v.status}
          onChange={set('status')}
          inline
          options={(['upheld', 'rejected', 'withdrawn'] as const).map((s) => ({ value: s, label: objectionStatusLabels[s] }))}
        />
        <TextField name={`${prefix}.committeeAdviceOn`} label="Advies van de bezwaarcommissie op (niet verplicht)" type="date" value={v.committeeAdviceOn} onChange={set('committeeAdviceOn')} />
        <TextField name={`${prefix}.outcomeOn`} label="Beslist op" type="date" value={v.outcomeOn} onChange={set('outcomeOn')} />
        <TextAreaField name={`${prefix}.outcomeNotes`} label="Toelichting" rows={3} value={v.outcomeNotes} onChange={set('outcomeNotes')} />
      </Form>
    </Disclosure>
  );
}

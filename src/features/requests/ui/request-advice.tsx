import { Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { Form, useForm } from '../../../web/use-form.tsx';
import { SelectField, TextAreaField, TextField } from '../../../web/forms.tsx';
import { dateTime } from '../../../web/ui.tsx';
import { AdviceInput, disciplineLabels, fundingCategoryLabels, tlvSchoolKindLabels, tlvSchoolKinds } from '../schema.ts';
import { conclusionLabels, RadioGroup, ReqSection, toNumber, useMe, useSendTo, type RequestData } from './request-kit.tsx';

type Expert = RequestData['experts'][number];
type Advice = NonNullable<Expert['advice']>;

/** The experts asked to advise, their advices, and the form for the expert reading the page. */
export function ExpertsSection({ r, onFlash }: { r: RequestData; onFlash: (m: string) => void }) {
  const me = useMe();
  if (r.experts.length === 0) return null;
  const mine = r.experts.find((e) => e.expert.id === me.id);
  return (
    <ReqSection id="deskundigen" title="Deskundigen en advies">
      <ul className="lr-req-experts">
        {r.experts.map((e) => (
          <li key={e.id} className="lr-req-expert" data-testid="deskundige">
            <div className="lr-req-msg__head">
              <strong>{e.expert.name}</strong> <span className="lr-muted">({disciplineLabels[e.discipline]})</span>{' '}
              <span className={`lr-badge ${e.advisedAt ? 'lr-req-yes' : 'lr-req-open'}`}>{e.advisedAt ? `Advies gegeven ${dateTime(e.advisedAt)}` : 'Advies nog niet gegeven'}</span>
            </div>
            {e.advice && <AdviceView a={e.advice} />}
          </li>
        ))}
      </ul>
      {mine && r.can.advise && <AdviceForm r={r} mine={mine} onFlash={onFlash} />}
    </ReqSection>
  );
}

function AdviceView({ a }: { a: Advice }) {
  return (
    <dl className="lr-req-dl">
      <dt>Advies</dt>
      <dd>
        <strong>{conclusionLabels[a.conclusion]}</strong>
        {a.schoolKind ? `, ${tlvSchoolKindLabels[a.schoolKind]}` : ''}
        {a.category ? `, categorie ${fundingCategoryLabels[a.category]}` : ''}
        {a.durationMonths ? `, ${a.durationMonths} maanden` : ''}
      </dd>
      <dt>Wat de leerling nodig heeft</dt>
      <dd className="lr-req-pre">{a.needs}</dd>
      <dt>Waarom de school dat niet kan bieden</dt>
      <dd className="lr-req-pre">{a.whyNotRegular}</dd>
    </dl>
  );
}

function AdviceForm({ r, mine, onFlash }: { r: RequestData; mine: Expert; onFlash: (m: string) => void }) {
  const sendTo = useSendTo(r.id);
  const a = mine.advice;
  const [v, setV] = useState({
    needs: a?.needs ?? '',
    whyNotRegular: a?.whyNotRegular ?? '',
    conclusion: a?.conclusion ?? '',
    schoolKind: a?.schoolKind ?? r.tlvSchoolKind ?? '',
    category: a?.category ? String(a.category) : '',
    durationMonths: a?.durationMonths ? String(a.durationMonths) : '',
  });
  const set = (k: keyof typeof v) => (x: string) => setV((old) => ({ ...old, [k]: x }));
  const form = useForm(AdviceInput, sendTo('advice', 'put'), { prefix: 'advies' });
  const admissible = v.conclusion === 'admissible';

  async function send() {
    const ok = await form.submit({
      needs: v.needs,
      whyNotRegular: v.whyNotRegular,
      conclusion: v.conclusion || undefined,
      schoolKind: admissible && v.schoolKind ? v.schoolKind : null,
      category: admissible && v.category ? Number(v.category) : null,
      durationMonths: admissible ? toNumber(v.durationMonths) : null,
    });
    if (ok) onFlash('Uw advies is opgeslagen.');
  }

  const labels = { 'advies.needs': 'Wat de leerling nodig heeft', 'advies.whyNotRegular': 'Waarom de school dat niet kan', 'advies.conclusion': 'Advies', 'advies.durationMonths': 'Duur' };
  return (
    <Form
      form={form}
      className="lr-form lr-req-block"
      aria-labelledby="advies-kop"
      onSubmit={send}
      labels={labels}
      intro={
        <>
          <h3 className="utrecht-heading-3" id="advies-kop">
            {a ? 'Uw advies wijzigen' : 'Uw advies'}
          </h3>
          <Paragraph className="lr-muted">U adviseert als {disciplineLabels[mine.discipline].toLowerCase()}.</Paragraph>
        </>
      }
      submit={{ label: 'Advies opslaan' }}
    >
      <TextAreaField name="advies.needs" label="Wat heeft de leerling nodig?" rows={4} value={v.needs} onChange={set('needs')} />
      <TextAreaField name="advies.whyNotRegular" label="Waarom kan de school dat niet bieden?" rows={4} value={v.whyNotRegular} onChange={set('whyNotRegular')} />
      <RadioGroup
        name="advies.conclusion"
        legend="Uw advies"
        value={v.conclusion}
        onChange={set('conclusion')}
        inline
        options={[
          { value: 'admissible', label: conclusionLabels.admissible },
          { value: 'not_admissible', label: conclusionLabels.not_admissible },
        ]}
      />
      {admissible && (
        <div className="lr-req-grid3">
          <SelectField name="advies.schoolKind" label="Soort school" value={v.schoolKind} onChange={set('schoolKind')} placeholder="Geen voorkeur" options={tlvSchoolKinds.map((k) => ({ value: k, label: tlvSchoolKindLabels[k] }))} />
          <SelectField
            name="advies.category"
            label="Bekostigingscategorie"
            value={v.category}
            onChange={set('category')}
            placeholder="Geen voorkeur"
            options={([1, 2, 3] as const).map((c) => ({ value: String(c), label: fundingCategoryLabels[c] }))}
          />
          <TextField name="advies.durationMonths" label="Duur in maanden" inputMode="numeric" value={v.durationMonths} onChange={set('durationMonths')} />
        </div>
      )}
    </Form>
  );
}

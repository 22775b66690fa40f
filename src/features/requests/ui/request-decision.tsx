import { Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { Form, useForm } from '../../../web/use-form.tsx';
import { SelectField, TextAreaField, TextField } from '../../../web/forms.tsx';
import { day, euro } from '../../../web/ui.tsx';
import { addYears, today } from '../../../platform/time.ts';
import { DecisionInput, fundingCategoryLabels, outcomeLabels, outcomes, tlvSchoolKindLabels, tlvSchoolKinds } from '../schema.ts';
import { RadioGroup, ReqSection, toNumber, useSendTo, type RequestData } from './request-kit.tsx';

type DecisionData = NonNullable<RequestData['decision']>;

/** The director's decision: shown once taken, the form while the request waits for it. */
export function DecisionSection({ r, onFlash }: { r: RequestData; onFlash: (m: string) => void }) {
  if (!r.decision && !r.can.decide) return null;
  return (
    <ReqSection id="besluit" title="Besluit">
      {r.decision ? <DecisionView r={r} d={r.decision} /> : <DecisionForm r={r} onFlash={onFlash} />}
    </ReqSection>
  );
}

function DecisionView({ r, d }: { r: RequestData; d: DecisionData }) {
  return (
    <div data-testid="besluit">
      <dl className="lr-req-dl">
        <dt>Besluit</dt>
        <dd>
          <span className={`lr-badge ${d.outcome === 'refused' ? 'lr-req-no' : 'lr-req-yes'}`}>{outcomeLabels[d.outcome]}</span>
        </dd>
        {d.tlvNumber !== null && (
          <>
            <dt>TLV-nummer</dt>
            <dd>{d.tlvNumber}</dd>
          </>
        )}
        {d.schoolKind && (
          <>
            <dt>Soort school</dt>
            <dd>{tlvSchoolKindLabels[d.schoolKind]}</dd>
          </>
        )}
        {d.category !== null && (
          <>
            <dt>Bekostigingscategorie</dt>
            <dd>{fundingCategoryLabels[d.category as 1 | 2 | 3] ?? d.category}</dd>
          </>
        )}
        {d.cluster !== null && (
          <>
            <dt>Cluster</dt>
            <dd>{d.cluster}</dd>
          </>
        )}
        {d.amountEur !== null && (
          <>
            <dt>Bedrag</dt>
            <dd>{euro(d.amountEur)}</dd>
          </>
        )}
        {d.hours !== null && (
          <>
            <dt>Uren</dt>
            <dd>{d.hours}</dd>
          </>
        )}
        {(d.startsOn || d.endsOn) && (
          <>
            <dt>Periode</dt>
            <dd>
              {day(d.startsOn)} tot en met {day(d.endsOn)}
            </dd>
          </>
        )}
        <dt>Uitleg</dt>
        <dd className="lr-req-pre">{d.motivation}</dd>
        <dt>Genomen door</dt>
        <dd>
          {d.decidedBy.name} op {day(d.decidedOn)}
        </dd>
      </dl>
      <Paragraph>
        <a className="utrecht-link" href={`/api/requests/${r.id}/decision.pdf`}>
          Besluitbrief (PDF)
        </a>
      </Paragraph>
    </div>
  );
}

/** The four clusters of special education (WEC); a partnership's TLV is for cluster 3 or 4, 1 and 2 are named for completeness. */
const clusterOptions = [
  { value: '3', label: 'Cluster 3 (lichamelijke of verstandelijke beperking, langdurig ziek)' },
  { value: '4', label: 'Cluster 4 (gedrag of psychiatrische problematiek)' },
];

/** The category most experts advised, to start the form from. */
function advisedCategory(r: RequestData): string {
  const counts = new Map<number, number>();
  for (const e of r.experts) if (e.advice?.category) counts.set(e.advice.category, (counts.get(e.advice.category) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1])[0];
  return best ? String(best[0]) : '';
}

function DecisionForm({ r, onFlash }: { r: RequestData; onFlash: (m: string) => void }) {
  const sendTo = useSendTo(r.id);
  const start = today();
  const [v, setV] = useState({
    outcome: '',
    motivation: '',
    schoolKind: r.tlvSchoolKind ?? '',
    category: advisedCategory(r),
    cluster: '',
    amountEur: '',
    hours: '',
    startsOn: start,
    endsOn: addYears(start, 1),
  });
  const set = (k: keyof typeof v) => (x: string) => setV((old) => ({ ...old, [k]: x }));
  const form = useForm(DecisionInput, sendTo('decision'), { prefix: 'besluit' });
  const granted = v.outcome === 'granted' || v.outcome === 'partly';
  const tlv = r.kind === 'tlv';
  const arrangement = r.kind === 'arrangement';
  // A TLV for the sbo has no funding category or cluster.
  const sbo = v.schoolKind === 'sbo';

  async function send() {
    const ok = await form.submit({
      outcome: v.outcome || undefined,
      motivation: v.motivation,
      schoolKind: granted && tlv && v.schoolKind ? v.schoolKind : null,
      category: granted && tlv && !sbo && v.category ? Number(v.category) : null,
      cluster: granted && tlv && !sbo && v.cluster ? Number(v.cluster) : null,
      amountEur: granted && arrangement ? toNumber(v.amountEur) : null,
      hours: granted && arrangement ? toNumber(v.hours) : null,
      startsOn: granted && v.startsOn ? v.startsOn : null,
      endsOn: granted && v.endsOn ? v.endsOn : null,
    });
    if (ok) onFlash('Het besluit is vastgelegd. De besluitbrief staat klaar.');
  }

  const labels = {
    'besluit.outcome': 'Besluit',
    'besluit.motivation': 'Uitleg',
    'besluit.schoolKind': 'Soort school',
    'besluit.category': 'Bekostigingscategorie',
    'besluit.cluster': 'Cluster',
    'besluit.amountEur': 'Bedrag',
    'besluit.hours': 'Uren',
    'besluit.startsOn': 'Begindatum',
    'besluit.endsOn': 'Einddatum',
  };
  return (
    <Form form={form} aria-label="Besluit nemen" onSubmit={send} labels={labels} submit={{ label: 'Besluit vastleggen' }}>
      <RadioGroup name="besluit.outcome" legend="Besluit" value={v.outcome} onChange={set('outcome')} options={outcomes.map((o) => ({ value: o, label: outcomeLabels[o] }))} />
      <TextAreaField
        name="besluit.motivation"
        label="Uitleg van het besluit"
        description="In gewone woorden: ouders en school lezen dit in de besluitbrief."
        rows={6}
        value={v.motivation}
        onChange={set('motivation')}
      />
      {granted && tlv && (
        <div className="lr-req-grid3">
          <SelectField name="besluit.schoolKind" label="Soort school" value={v.schoolKind} onChange={set('schoolKind')} placeholder="Kies" options={tlvSchoolKinds.map((k) => ({ value: k, label: tlvSchoolKindLabels[k] }))} />
          {!sbo && (
            <>
              <SelectField
                name="besluit.category"
                label="Bekostigingscategorie"
                value={v.category}
                onChange={set('category')}
                placeholder="Kies"
                options={([1, 2, 3] as const).map((c) => ({ value: String(c), label: fundingCategoryLabels[c] }))}
              />
              <SelectField name="besluit.cluster" label="Cluster" value={v.cluster} onChange={set('cluster')} placeholder="Kies" options={clusterOptions} />
            </>
          )}
        </div>
      )}
      {granted && arrangement && (
        <div className="lr-req-grid2">
          <TextField name="besluit.amountEur" label="Bedrag in euro" inputMode="numeric" value={v.amountEur} onChange={set('amountEur')} />
          <TextField name="besluit.hours" label="Uren" inputMode="numeric" value={v.hours} onChange={set('hours')} />
        </div>
      )}
      {granted && (
        <div className="lr-req-grid2">
          <TextField name="besluit.startsOn" label="Begindatum" type="date" value={v.startsOn} onChange={set('startsOn')} />
          <TextField name="besluit.endsOn" label="Einddatum" type="date" value={v.endsOn} onChange={set('endsOn')} />
        </div>
      )}
    </Form>
  );
}

import { Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { api } from '../../../web/api.ts';
import { TextField, type FieldErrors } from '../../../web/forms.tsx';
import { day } from '../../../web/ui.tsx';
import { today } from '../../../platform/time.ts';
import { Form, useForm } from '../../../web/use-form.tsx';
import { aspectLabels, EvaluationInput } from '../schema.ts';
import { focusHeading, useRefresh } from './opp-action-kit.ts';
import { Disclosure, goalResultLabels, measureDecisionLabels, OppSection, outcomeLabels, RadioGroup, TextAreaField, type OppPageData } from './opp-kit.tsx';

// ── Evalueren ─────────────────────────────────────────────────────────────────

interface EvalGoal {
  goalId: string;
  result: string;
  observed: string;
}
interface EvalMeasure {
  measureId: string;
  decision: string;
  note: string;
}

export function EvaluationsSection({ page, onFlash }: { page: OppPageData; onFlash: (m: string) => void }) {
  const [open, setOpen] = useState(false);
  const goals = new Map(page.current.content.goals.map((g) => [g.id, g.what]));
  return (
    <OppSection id="evaluaties" title="Evaluaties" intro={page.nextEvaluationOn ? `Volgende evaluatie: ${day(page.nextEvaluationOn)}.` : undefined}>
      {page.allowed.evaluate && (
        <Disclosure id="evaluatie-formulier" label="Evalueren" open={open} onOpenChange={setOpen} className="lr-opp-disclosure">
          <EvaluationForm
            page={page}
            onDone={(r) => {
              setOpen(false);
              focusHeading(r.closed ? 'evaluaties-titel' : 'plan-titel');
              onFlash(r.closed ? 'De evaluatie is vastgelegd en het plan is afgesloten.' : `De evaluatie is vastgelegd. Versie ${r.number} is gemaakt als nieuw concept.`);
            }}
          />
        </Disclosure>
      )}
      {!page.allowed.evaluate && page.status !== 'closed' && page.evaluations.length === 0 && (
        <Paragraph className="lr-muted">Evalueren kan zodra de ouders op het plan hebben gereageerd.</Paragraph>
      )}
      {page.evaluations.length > 0 && (
        <ul className="lr-opp-records">
          {page.evaluations.map((e) => (
            <li key={e.id}>
              <h3 className="utrecht-heading-3">
                Evaluatie op {day(e.heldOn)} <span className="lr-muted lr-small">— {outcomeLabels[e.outcome] ?? e.outcome}</span>
              </h3>
              {(e.goalResults as { goalId: string; result: string; observed: string }[]).length > 0 && (
                <ul className="lr-opp-list">
                  {(e.goalResults as { goalId: string; result: string; observed: string }[]).map((g, i) => (
                    <li key={i}>
                      <strong>{goalResultLabels[g.result] ?? g.result}</strong>: {goals.get(g.goalId) ?? 'Doel uit een eerdere versie'}
                      {g.observed && <span className="lr-muted"> — {g.observed}</span>}
                    </li>
                  ))}
                </ul>
              )}
              {e.notes && <p className="lr-opp-text">{e.notes}</p>}
            </li>
          ))}
        </ul>
      )}
    </OppSection>
  );
}

function EvaluationForm({ page, onDone }: { page: OppPageData; onDone: (r: { number: number; closed: boolean }) => void }) {
  const refresh = useRefresh(page.id);
  const { goals, measures } = page.current.content;
  const [heldOn, setHeldOn] = useState(today());
  const [goalResults, setGoalResults] = useState<EvalGoal[]>(() => goals.map((g) => ({ goalId: g.id, result: '', observed: '' })));
  const [measureResults, setMeasureResults] = useState<EvalMeasure[]>(() => measures.map((m) => ({ measureId: m.id, decision: '', note: '' })));
  const [outcome, setOutcome] = useState('');
  const [notes, setNotes] = useState('');
  const form = useForm(
    EvaluationInput,
    async (input) => {
      const r = await api.post<{ number: number; closed: boolean }>(`opps/${page.id}/evaluations`, input);
      await refresh();
      onDone(r);
    },
    { prefix: 'evaluatie' },
  );
  const labels: Record<string, string> = { 'evaluatie.heldOn': 'Datum', 'evaluatie.outcome': 'Uitkomst', 'evaluatie.notes': 'Toelichting' };
  goals.forEach((_, i) => (labels[`evaluatie.goalResults.${i}.result`] = `Doel ${i + 1}`));
  measures.forEach((_, i) => (labels[`evaluatie.measureResults.${i}.decision`] = `Maatregel ${i + 1}`));

  async function submit() {
    const found: FieldErrors = {};
    if (!/^\d{4}-\d{2}-\d{2}$/.test(heldOn)) found['evaluatie.heldOn'] = 'Vul de datum in.';
    goalResults.forEach((g, i) => g.result || (found[`evaluatie.goalResults.${i}.result`] = 'Kies of dit doel is behaald.'));
    measureResults.forEach((m, i) => m.decision || (found[`evaluatie.measureResults.${i}.decision`] = 'Kies: doorgaan, aanpassen of stoppen.'));
    if (!outcome) found['evaluatie.outcome'] = 'Kies: nieuwe versie of afsluiten.';
    if (Object.keys(found).length) return form.fail(found);
    await form.submit({ heldOn, goalResults, measureResults, outcome, notes });
  }

  return (
    <Form form={form} className="lr-form lr-opp-panel lr-opp-eval" aria-label="Evalueren" labels={labels} onSubmit={submit} submit={{ label: 'Evaluatie opslaan' }}>
      <TextField name="evaluatie.heldOn" label="Datum van de evaluatie" type="date" value={heldOn} onChange={setHeldOn} />
      {goals.length > 0 && <h3 className="utrecht-heading-3">Doelen</h3>}
      {goals.map((g, i) => (
        <fieldset key={g.id} className="lr-opp-row">
          <legend className="lr-opp-legend">
            Doel {i + 1}: {g.what}
          </legend>
          <p className="lr-muted lr-small">
            Hoe zien we het: {g.howWeSee} · uiterlijk {day(g.by)}
          </p>
          <RadioGroup
            name={`evaluatie.goalResults.${i}.result`}
            legend="Resultaat"
            inline
            value={goalResults[i]!.result}
            onChange={(v) => setGoalResults((x) => x.map((y, j) => (j === i ? { ...y, result: v } : y)))}
            options={Object.entries(goalResultLabels).map(([value, label]) => ({ value, label }))}
          />
          <TextAreaField
            name={`evaluatie.goalResults.${i}.observed`}
            label="Wat zagen we?"
            rows={2}
            value={goalResults[i]!.observed}
            onChange={(v) => setGoalResults((x) => x.map((y, j) => (j === i ? { ...y, observed: v } : y)))}
          />
        </fieldset>
      ))}
      {measures.length > 0 && <h3 className="utrecht-heading-3">Maatregelen</h3>}
      {measures.map((m, i) => (
        <fieldset key={m.id} className="lr-opp-row">
          <legend className="lr-opp-legend">
            Maatregel {i + 1}: {m.description}
          </legend>
          <p className="lr-muted lr-small">
            {aspectLabels[m.aspect]} · {m.who} · {m.hoursPerWeek.toLocaleString('nl-NL')} uur per week
          </p>
          <RadioGroup
            name={`evaluatie.measureResults.${i}.decision`}
            legend="Besluit"
            inline
            value={measureResults[i]!.decision}
            onChange={(v) => setMeasureResults((x) => x.map((y, j) => (j === i ? { ...y, decision: v } : y)))}
            options={Object.entries(measureDecisionLabels).map(([value, label]) => ({ value, label }))}
          />
          <TextAreaField
            name={`evaluatie.measureResults.${i}.note`}
            label="Toelichting (optioneel)"
            rows={2}
            value={measureResults[i]!.note}
            onChange={(v) => setMeasureResults((x) => x.map((y, j) => (j === i ? { ...y, note: v } : y)))}
          />
        </fieldset>
      ))}
      <RadioGroup
        name="evaluatie.outcome"
        legend="Uitkomst van de evaluatie"
        value={outcome}
        onChange={setOutcome}
        options={Object.entries(outcomeLabels).map(([value, label]) => ({ value, label }))}
      />
      <TextAreaField name="evaluatie.notes" label="Toelichting (optioneel)" rows={3} value={notes} onChange={setNotes} />
    </Form>
  );
}

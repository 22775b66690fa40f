import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Heading2, Heading3, Paragraph, SecondaryActionButton, Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { TableWrap } from '../../../web/list-table.tsx';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { z } from 'zod';
import { useAction, useFlash } from '../../../web/actions.tsx';
import { api, type Json } from '../../../web/api.ts';
import { DateField, plausible } from '../../../web/date-fields.tsx';
import { CheckboxField, RadioGroup, SelectField, TextAreaField, TextField } from '../../../web/forms.tsx';
import { useMay } from '../../../web/session.tsx';
import { dateTime, day, Loading, Notice, PageTitle, QueryError } from '../../../web/ui.tsx';
import { indicatorInfo, type IndicatorView } from '../indicator-schema.ts';
import { Form, useForm } from '../../../web/use-form.tsx';
import {
  attendeeKinds,
  attendeeLabels,
  budgetLineLabels,
  budgetLines,
  DiscussionInput,
  EvaluationInput,
  goalResultLabels,
  goalResults,
  planStatusLabels,
  SavePlanInput,
  type GoalInput,
  type PlanView,
} from '../schema.ts';
import './quality.css';

type View = Json<PlanView>;
type Goal = GoalInput;

const newGoal = (spearheadId: string): Goal => ({
  id: crypto.randomUUID(),
  spearheadId,
  goal: '',
  actions: '',
  owner: '',
  budgetLine: null,
  indicators: [{ name: '', target: '' }],
  origin: 'new',
  carriedFrom: null,
});

const originLabel: Record<Goal['origin'], string | null> = { new: null, carried: 'Overgenomen van vorig schooljaar', audit: 'Verbeterpunt uit de audit' };

function statusOf(v: View) {
  return v.evaluated ? 'evaluated' : v.discussion ? 'discussed' : v.submitted ? 'submitted' : 'draft';
}

/** The goals as the school writes them: per goal its spearhead, the SMART goal, actions, owner, budget line and indicators with targets. */
function PlanForm({ view, onSaved }: { view: View; onSaved: () => void }) {
  const [summary, setSummary] = useState(view.content.summary);
  const [goals, setGoals] = useState<Goal[]>(view.content.goals as Goal[]);
  const active = view.spearheads.filter((s) => s.active);
  const form = useForm(SavePlanInput, (input: z.output<typeof SavePlanInput>) => api.put(`quality/plans/${view.id}`, input), { onDone: onSaved });
  const setGoal = (i: number, g: Partial<Goal>) => setGoals((all) => all.map((x, j) => (j === i ? { ...x, ...g } : x)));
  const setIndicator = (i: number, k: number, ind: Partial<Goal['indicators'][number]>) =>
    setGoal(i, { indicators: goals[i]!.indicators.map((x, j) => (j === k ? { ...x, ...ind } : x)) });
  return (
    <Form form={form} onSubmit={() => form.submit({ revision: view.revision, content: { summary, goals } })} submit={{ label: 'Actieplan opslaan' }} aria-label="Actieplan">
      <TextAreaField name="content.summary" label="Waar de school staat" description="Het vertrekpunt van het plan, in een paar zinnen." value={summary} onChange={setSummary} rows={3} />
      <Heading2>Doelen</Heading2>
      {goals.length === 0 && <Paragraph>Nog geen doelen. Voeg een doel toe per speerpunt waar de school dit jaar aan werkt.</Paragraph>}
      {goals.map((g, i) => (
        <section key={g.id} className="lr-quality-goal" aria-labelledby={`doel-${i}`}>
          <Heading3 id={`doel-${i}`}>Doel {i + 1}</Heading3>
          {originLabel[g.origin] && <Paragraph className="lr-muted">{originLabel[g.origin]}</Paragraph>}
          <SelectField
            name={`content.goals.${i}.spearheadId`}
            label="Speerpunt"
            value={g.spearheadId}
            onChange={(spearheadId) => setGoal(i, { spearheadId })}
            options={view.spearheads.filter((s) => s.active || s.id === g.spearheadId).map((s) => ({ value: s.id, label: s.label }))}
          />
          <TextAreaField
            name={`content.goals.${i}.goal`}
            label="SMART-doel"
            description="Specifiek, meetbaar, haalbaar en met een termijn: wat is er aan het eind van het schooljaar bereikt?"
            value={g.goal}
            onChange={(goal) => setGoal(i, { goal })}
            rows={3}
            maxLength={600}
          />
          <TextAreaField name={`content.goals.${i}.actions`} label="Acties" value={g.actions} onChange={(actions) => setGoal(i, { actions })} rows={3} />
          <div className="lr-form-row">
            <TextField name={`content.goals.${i}.owner`} label="Eigenaar" description="Wie zorgt dat het gebeurt (functie of naam)." value={g.owner} onChange={(owner) => setGoal(i, { owner })} />
            <SelectField
              name={`content.goals.${i}.budgetLine`}
              label="Begrotingspost"
              value={g.budgetLine ?? ''}
              onChange={(v) => setGoal(i, { budgetLine: v ? (v as Goal['budgetLine']) : null })}
              options={[{ value: '', label: 'Geen' }, ...budgetLines.map((b) => ({ value: b, label: budgetLineLabels[b] }))]}
            />
          </div>
          <fieldset className="lr-quality-fieldset">
            <legend>Indicatoren: waaraan ziet u in de najaarsronde of het doel is behaald?</legend>
            {g.indicators.map((ind, k) => (
              <div key={k} className="lr-quality-indicator">
                <TextField name={`content.goals.${i}.indicators.${k}.name`} label={`Indicator ${k + 1}`} value={ind.name} onChange={(name) => setIndicator(i, k, { name })} />
                <TextField name={`content.goals.${i}.indicators.${k}.target`} label="Streefwaarde" value={ind.target} onChange={(target) => setIndicator(i, k, { target })} />
                <SecondaryActionButton type="button" onClick={() => setGoal(i, { indicators: g.indicators.filter((_, j) => j !== k) })}>
                  Weghalen<span className="lr-visually-hidden"> indicator {k + 1} van doel {i + 1}</span>
                </SecondaryActionButton>
              </div>
            ))}
            <SecondaryActionButton type="button" onClick={() => setGoal(i, { indicators: [...g.indicators, { name: '', target: '' }] })}>
              Indicator toevoegen<span className="lr-visually-hidden"> bij doel {i + 1}</span>
            </SecondaryActionButton>
          </fieldset>
          <SecondaryActionButton type="button" onClick={() => setGoals((all) => all.filter((_, j) => j !== i))}>
            Doel {i + 1} weghalen
          </SecondaryActionButton>
        </section>
      ))}
      {active.length > 0 ? (
        <SecondaryActionButton type="button" onClick={() => setGoals((all) => [...all, newGoal(active[0]!.id)])}>
          Doel toevoegen
        </SecondaryActionButton>
      ) : (
        <Notice type="warning">Het samenwerkingsverband heeft nog geen speerpunten vastgesteld.</Notice>
      )}
    </Form>
  );
}

/** The goals read-only, with their evaluation when there is one. */
function GoalsView({ view }: { view: View }) {
  const label = new Map(view.spearheads.map((s) => [s.id, s.label]));
  if (view.content.goals.length === 0) return <Paragraph>Dit actieplan heeft nog geen doelen.</Paragraph>;
  return (
    <ol className="lr-quality-list">
      {view.content.goals.map((g) => {
        const e = view.evaluation[g.id];
        return (
          <li key={g.id} className="lr-quality-item">
            <Paragraph className="lr-muted">
              {label.get(g.spearheadId) ?? 'Speerpunt'}
              {originLabel[g.origin] ? ` · ${originLabel[g.origin]}` : ''}
            </Paragraph>
            <Paragraph>
              <strong>{g.goal}</strong>
            </Paragraph>
            {g.actions && <Paragraph>Acties: {g.actions}</Paragraph>}
            <Paragraph>
              Eigenaar: {g.owner || '—'} · Begrotingspost: {g.budgetLine ? budgetLineLabels[g.budgetLine] : 'geen'}
            </Paragraph>
            <ul>
              {g.indicators.map((ind, k) => (
                <li key={k}>
                  {ind.name}: streefwaarde {ind.target}
                </li>
              ))}
            </ul>
            {e && (
              <Paragraph>
                Evaluatie: <strong>{goalResultLabels[e.result]}</strong>
                {e.learnt ? `. Geleerd: ${e.learnt}` : ''}
              </Paragraph>
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** The spring round's discussion, recorded by the partnership: the day, who attended, the notes. */
function DiscussionForm({ view, onDone }: { view: View; onDone: () => void }) {
  const [heldOn, setHeldOn] = useState(view.discussion?.heldOn ?? '');
  const [attendees, setAttendees] = useState<string[]>(view.discussion?.attendees ?? ['leader', 'coordinator']);
  const [notes, setNotes] = useState(view.discussion?.notes ?? '');
  const form = useForm(DiscussionInput, (input: z.output<typeof DiscussionInput>) => api.put(`quality/plans/${view.id}/discussion`, input), { prefix: 'gesprek', onDone });
  return (
    <Form form={form} onSubmit={() => form.submit({ heldOn, attendees, notes })} submit={{ label: 'Gesprek vastleggen' }} aria-labelledby="gesprek-kop">
      <DateField name="gesprek.heldOn" label="Datum van het gesprek" value={heldOn} onChange={setHeldOn} plausible={plausible.past()} />
      <fieldset className="lr-quality-fieldset" id="veld-gesprek-attendees">
        <legend>Wie waren erbij?</legend>
        {attendeeKinds.map((a) => (
          <CheckboxField
            key={a}
            name={`gesprek.attendees.${a}`}
            label={attendeeLabels[a]}
            checked={attendees.includes(a)}
            onChange={(on) => setAttendees((all) => (on ? [...all, a] : all.filter((x) => x !== a)))}
          />
        ))}
      </fieldset>
      <TextAreaField name="gesprek.notes" label="Afspraken en aandachtspunten" value={notes} onChange={setNotes} rows={4} />
    </Form>
  );
}

/** The autumn round: per goal reached, partly or not, and what was learnt; saved as it goes, then closed. */
function EvaluationForm({ view, onDone }: { view: View; onDone: (closed: boolean) => void }) {
  const [results, setResults] = useState<Record<string, { result: string; learnt: string }>>(() =>
    Object.fromEntries(view.content.goals.map((g) => [g.id, { result: view.evaluation[g.id]?.result ?? '', learnt: view.evaluation[g.id]?.learnt ?? '' }])),
  );
  const [close, setClose] = useState(false);
  const form = useForm(EvaluationInput, (input: z.output<typeof EvaluationInput>) => api.put(`quality/plans/${view.id}/evaluation`, input), {
    prefix: 'evaluatie',
    onDone: () => onDone(close),
  });
  const goals = view.content.goals.map((g) => ({ goalId: g.id, ...results[g.id]! })).filter((g) => g.result);
  return (
    <Form
      form={form}
      onSubmit={() => form.submit({ goals, close })}
      submit={{ label: close ? 'Evaluatie afsluiten' : 'Evaluatie opslaan' }}
      aria-labelledby="evaluatie-kop"
      after={<CheckboxField name="evaluatie.close" label="De evaluatie is compleet: afsluiten (daarna ligt het plan vast)" checked={close} onChange={setClose} />}
    >
      {view.content.goals.map((g, i) => (
        <section key={g.id} className="lr-quality-goal" aria-label={`Evaluatie doel ${i + 1}`}>
          <Paragraph>
            <strong>
              Doel {i + 1}: {g.goal}
            </strong>
          </Paragraph>
          <ul>
            {g.indicators.map((ind, k) => (
              <li key={k}>
                {ind.name}: streefwaarde {ind.target}
              </li>
            ))}
          </ul>
          <RadioGroup
            name={`evaluatie.goals.${i}.result`}
            legend="Resultaat"
            inline
            value={results[g.id]!.result}
            onChange={(result) => setResults((r) => ({ ...r, [g.id]: { ...r[g.id]!, result } }))}
            options={goalResults.map((r) => ({ value: r, label: goalResultLabels[r] }))}
          />
          <TextAreaField
            name={`evaluatie.goals.${i}.learnt`}
            label="Wat is er geleerd?"
            value={results[g.id]!.learnt}
            onChange={(learnt) => setResults((r) => ({ ...r, [g.id]: { ...r[g.id]!, learnt } }))}
            rows={2}
          />
        </section>
      ))}
    </Form>
  );
}

/**
 * The figures Leerrecht computes for the school in the plan's year, beside the
 * partnership's median: what the autumn round measures the goals against
 * (seed 001: "op basis waarvan in de najaarsronde kan worden gemeten").
 * Asked only when the session says the reader may see the indicators.
 */
function ComputedIndicators({ v }: { v: View }) {
  const q = useQuery({
    queryKey: ['quality-indicators', v.schoolYear],
    queryFn: () => api.get<Json<z.infer<typeof IndicatorView>>>('quality/indicators', { schoolYear: v.schoolYear }),
  });
  if (q.isPending) return <Loading what="Indicatoren" />;
  if (q.isError) return <QueryError error={q.error} />;
  return (
    <TableWrap label={`Cijfers uit Leerrecht voor ${v.school.name}, ${v.schoolYear}`}>
      <Table>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Indicator</TableHeaderCell>
            <TableHeaderCell scope="col">{v.school.name}</TableHeaderCell>
            <TableHeaderCell scope="col">Mediaan samenwerkingsverband</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {q.data.indicators.map((i) => {
            const own = i.schools.find((s) => s.id === v.school.id);
            return (
              <TableRow key={i.key}>
                <TableCell>{indicatorInfo[i.key].label}</TableCell>
                <TableCell>{own?.count == null ? 'minder dan 5' : own.count}</TableCell>
                <TableCell>{i.median.toLocaleString('nl-NL')}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableWrap>
  );
}

/** One school's action plan for one school year, through the spring and autumn rounds. */
export function PlanPage() {
  const { id } = useParams();
  const client = useQueryClient();
  const q = useQuery({ queryKey: ['action-plan', id], queryFn: () => api.get<View>(`quality/plans/${id}`) });
  const { notice, flash } = useFlash({ testId: 'actieplan-melding' });
  const action = useAction();
  const may = useMay();
  if (q.isPending) return <Loading what="Actieplan" />;
  if (q.isError) return <QueryError error={q.error} />;
  const v = q.data;
  const refresh = async (message: string) => {
    await client.invalidateQueries({ queryKey: ['action-plan', id] });
    await client.invalidateQueries({ queryKey: ['action-plans'] });
    flash(message);
  };
  const status = statusOf(v);
  return (
    <>
      <PageTitle title={`Actieplan ${v.schoolYear}: ${v.school.name}`} />
      <Paragraph>
        <span className={`lr-badge lr-quality-status--${status}`}>{planStatusLabels[status]}</span> Laatst opgeslagen {dateTime(v.updatedAt)}
        {v.updatedBy ? ` door ${v.updatedBy}` : ''}. Indienen uiterlijk {day(v.springDue)}; evalueren uiterlijk {day(v.autumnDue)}.
      </Paragraph>
      {notice}
      {action.error && <Notice type="error">{action.error}</Notice>}

      {v.allowed.edit && v.previous.open + v.previous.auditPoints > 0 && (
        <Notice type="info">
          Uit {v.previous.schoolYear}: {v.previous.open === 1 ? '1 doel' : `${v.previous.open} doelen`} van het actieplan niet (helemaal) behaald
          {v.previous.auditPoints ? `, ${v.previous.auditPoints === 1 ? '1 verbeterpunt' : `${v.previous.auditPoints} verbeterpunten`} uit de audit` : ''}.{' '}
          <SecondaryActionButton
            type="button"
            disabled={action.busy}
            onClick={() =>
              void action.run(
                () => api.post(`quality/plans/${v.id}/carry-over`, { revision: v.revision }),
                () => refresh(`De doelen en verbeterpunten uit ${v.previous.schoolYear} staan nu in dit plan.`),
              )
            }
          >
            Overnemen uit {v.previous.schoolYear}
          </SecondaryActionButton>
        </Notice>
      )}

      {v.allowed.edit ? <PlanForm key={v.revision} view={v} onSaved={() => refresh('Het actieplan is opgeslagen.')} /> : (
        <>
          <Heading2>Doelen</Heading2>
          {v.content.summary && <Paragraph>{v.content.summary}</Paragraph>}
          <GoalsView view={v} />
        </>
      )}

      {v.allowed.submit && (
        <section aria-labelledby="indienen-kop">
          <Heading2 id="indienen-kop">Indienen voor de voorjaarsronde</Heading2>
          <Paragraph>Sla eerst op. Het samenwerkingsverband bespreekt het ingediende plan met de school; tot de najaarsronde kunt u het nog aanpassen.</Paragraph>
          <SecondaryActionButton
            type="button"
            disabled={action.busy}
            onClick={() => void action.run(() => api.post(`quality/plans/${v.id}/submit`, { revision: v.revision }), () => refresh('Het actieplan is ingediend.'))}
          >
            Actieplan indienen
          </SecondaryActionButton>
        </section>
      )}
      {v.submitted && <Paragraph>Ingediend op {dateTime(v.submitted.at)}{v.submitted.by ? ` door ${v.submitted.by}` : ''}.</Paragraph>}

      <section aria-labelledby="gesprek-kop">
        <Heading2 id="gesprek-kop">Gesprek voorjaarsronde</Heading2>
        {v.discussion ? (
          <Paragraph>
            Gehouden op {day(v.discussion.heldOn)} met: {v.discussion.attendees.map((a) => attendeeLabels[a]).join(', ')}.{v.discussion.notes ? ` ${v.discussion.notes}` : ''}
          </Paragraph>
        ) : (
          <Paragraph>{v.submitted ? 'Het gesprek is nog niet vastgelegd.' : 'Het gesprek volgt als de school het plan heeft ingediend.'}</Paragraph>
        )}
        {v.allowed.discuss && <DiscussionForm key={`d${v.discussion?.heldOn ?? ''}`} view={v} onDone={() => refresh('Het gesprek is vastgelegd.')} />}
      </section>

      <section aria-labelledby="evaluatie-kop">
        <Heading2 id="evaluatie-kop">Evaluatie najaarsronde</Heading2>
        {may.readIndicators && (v.submitted || v.evaluated) && <ComputedIndicators v={v} />}
        {v.evaluated ? (
          <Paragraph>Afgesloten op {dateTime(v.evaluated.at)}{v.evaluated.by ? ` door ${v.evaluated.by}` : ''}. De resultaten staan bij de doelen.</Paragraph>
        ) : v.allowed.evaluate ? (
          <EvaluationForm key={`e${v.revision}`} view={v} onDone={(closed) => refresh(closed ? 'De evaluatie is afgesloten.' : 'De evaluatie is opgeslagen.')} />
        ) : (
          <Paragraph>Na het schooljaar evalueert de school per doel of het is behaald.</Paragraph>
        )}
      </section>
    </>
  );
}

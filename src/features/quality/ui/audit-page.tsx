import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Heading2, Paragraph, SecondaryActionButton } from '@utrecht/component-library-react';
import { useState } from 'react';
import { useParams } from 'react-router';
import type { z } from 'zod';
import { useAction, useFlash } from '../../../web/actions.tsx';
import { api, type Json } from '../../../web/api.ts';
import { DateField } from '../../../web/date-fields.tsx';
import { CheckboxField, SelectField, TextAreaField, TextField } from '../../../web/forms.tsx';
import { dateTime, day, euro, Loading, Notice, PageTitle, QueryError } from '../../../web/ui.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';
import {
  AuditPlanInput,
  findingKindLabels,
  findingKinds,
  guideThemes,
  ImprovementsInput,
  ReportInput,
  reportQuestions,
  type AuditView,
  type DrawnPupilView,
} from '../audit-schema.ts';
import './quality.css';

type View = Json<z.infer<typeof AuditView>>;
type Drawn = Json<z.infer<typeof DrawnPupilView>>;
type Finding = View['report'] extends infer R ? (R extends { findings: (infer F)[] } ? F : never) : never;

/** The director plans the audit: day, duration, auditors, chair and the two dossiers the school brings. */
function PlanForm({ v, onDone }: { v: View; onDone: () => void }) {
  const [plannedOn, setPlannedOn] = useState(v.plannedOn ?? '');
  const [plannedMinutes, setMinutes] = useState(String(v.plannedMinutes));
  const [auditorUserIds, setAuditors] = useState<string[]>(v.auditors.map((a) => a.id));
  const [chairName, setChair] = useState(v.chairName);
  const [successfulDossier, setSuccessful] = useState(v.successfulDossier);
  const [difficultDossier, setDifficult] = useState(v.difficultDossier);
  const form = useForm(AuditPlanInput, (input: z.output<typeof AuditPlanInput>) => api.put(`quality/audits/${v.id}/plan`, input), { prefix: 'planning', onDone });
  return (
    <Form
      form={form}
      onSubmit={() => form.submit({ plannedOn, plannedMinutes: Number(plannedMinutes), auditorUserIds, chairName, successfulDossier, difficultDossier })}
      submit={{ label: 'Planning opslaan' }}
      aria-labelledby="planning-kop"
    >
      <Heading2 id="planning-kop">Planning</Heading2>
      <div className="lr-form-row">
        <DateField name="planning.plannedOn" label="Datum van de audit" value={plannedOn} onChange={setPlannedOn} />
        <TextField name="planning.plannedMinutes" label="Duur in minuten" description="Voor elke audit wordt 2,5 uur (150 minuten) gepland." inputMode="numeric" value={plannedMinutes} onChange={setMinutes} />
      </div>
      <fieldset className="lr-quality-fieldset" id="veld-planning-auditorUserIds">
        <legend>Auditoren: schoolleider of teamleider en OCO van {v.auditorSchool.name}, met de directeur</legend>
        {v.candidates.map((c) => (
          <CheckboxField
            key={c.id}
            name={`planning.auditorUserIds.${c.id}`}
            label={c.name}
            checked={auditorUserIds.includes(c.id)}
            onChange={(on) => setAuditors((all) => (on ? [...all, c.id] : all.filter((x) => x !== c.id)))}
          />
        ))}
      </fieldset>
      <TextField name="planning.chairName" label="Onafhankelijke voorzitter" value={chairName} onChange={setChair} />
      <TextAreaField name="planning.successfulDossier" label="Het succesvolle dossier dat de school inbrengt" description="Beschrijf het zonder de leerling te noemen." value={successfulDossier} onChange={setSuccessful} rows={2} />
      <TextAreaField name="planning.difficultDossier" label="Het moeilijke dossier dat de school inbrengt" description="Beschrijf het zonder de leerling te noemen." value={difficultDossier} onChange={setDifficult} rows={2} />
    </Form>
  );
}

/** The drawn pupil, for the auditors on the audit day: opened on request, so every look is one audited read. */
function DrawnPupil({ v }: { v: View }) {
  const [shown, setShown] = useState<Drawn | null>(null);
  const open = useAction();
  if (!v.draw) return <Paragraph>De leerling wordt getrokken als de audit is gepland.</Paragraph>;
  return (
    <>
      <Paragraph>
        Getrokken op {dateTime(v.draw.drawnAt)} uit {v.draw.listSize} {v.draw.listSize === 1 ? 'leerling' : 'leerlingen'} met een toegekend arrangement, startwaarde <code>{v.draw.seed}</code>.
        {v.draw.pupilDrawn ? '' : ' De school had geen leerling met een arrangement in dit schooljaar.'}
      </Paragraph>
      {v.allowed.readDrawnPupil && !shown && (
        <SecondaryActionButton type="button" disabled={open.busy} onClick={() => void open.run(async () => setShown(await api.get<Drawn>(`quality/audits/${v.id}/drawn-pupil`)))}>
          Dossier van de getrokken leerling openen
        </SecondaryActionButton>
      )}
      {open.error && <Notice type="error">{open.error}</Notice>}
      {!v.allowed.readDrawnPupil && v.draw.pupilDrawn && <Paragraph className="lr-muted">Alleen de auditoren zien dit dossier, en alleen op de dag van de audit{v.plannedOn ? ` (${day(v.plannedOn)})` : ''}.</Paragraph>}
      {shown && (
        <section aria-label="Getrokken leerling" className="lr-quality-goal">
          <Paragraph>
            <strong>{shown.pupil.name}</strong>
            {shown.pupil.birthYear ? `, geboren in ${shown.pupil.birthYear}` : ''}. Open tot en met {day(shown.openUntil)}.
          </Paragraph>
          <Heading2>Toegekende arrangementen</Heading2>
          <ul>
            {shown.arrangements.map((a, i) => (
              <li key={i}>
                {a.kind}
                {a.offers ? ` (${a.offers})` : ''}: {day(a.startsOn)} tot {day(a.endsOn)}
                {a.hours ? `, ${a.hours} uur` : ''}
                {a.amountEur ? `, ${euro(a.amountEur)}` : ''}
              </li>
            ))}
          </ul>
          <Heading2>Maatregelen in het OPP</Heading2>
          {shown.opp ? (
            <ul>
              {shown.opp.measures.map((m, i) => (
                <li key={i}>
                  {m.description}
                  {m.who ? ` (${m.who})` : ''}
                </li>
              ))}
            </ul>
          ) : (
            <Paragraph>Geen lopend OPP.</Paragraph>
          )}
        </section>
      )}
    </>
  );
}

/** The chair's report, with seed 000's questions and the success factors and pitfalls by theme for the shared guide. */
function ReportForm({ v, onDone }: { v: View; onDone: () => void }) {
  const [answers, setAnswers] = useState<Record<string, string>>(() => Object.fromEntries(reportQuestions.map((q) => [q.key, v.report?.answers[q.key] ?? ''])));
  const [findings, setFindings] = useState<Finding[]>((v.report?.findings ?? []) as Finding[]);
  const form = useForm(ReportInput, (input: z.output<typeof ReportInput>) => api.put(`quality/audits/${v.id}/report`, input), { prefix: 'verslag', onDone });
  const set = (i: number, f: Partial<Finding>) => setFindings((all) => all.map((x, j) => (j === i ? { ...x, ...f } : x)));
  return (
    <Form form={form} onSubmit={() => form.submit({ answers, findings })} submit={{ label: 'Verslag opslaan' }} aria-labelledby="verslag-kop">
      {reportQuestions.map((q) => (
        <TextAreaField key={q.key} name={`verslag.answers.${q.key}`} label={q.label} value={answers[q.key] ?? ''} onChange={(a) => setAnswers((x) => ({ ...x, [q.key]: a }))} rows={3} />
      ))}
      <Heading2>Succesfactoren en valkuilen</Heading2>
      {findings.map((f, i) => (
        <div key={i} className="lr-quality-goal">
          <div className="lr-form-row">
            <SelectField name={`verslag.findings.${i}.kind`} label="Soort" value={f.kind} onChange={(kind) => set(i, { kind: kind as Finding['kind'] })} options={findingKinds.map((k) => ({ value: k, label: findingKindLabels[k] }))} />
            <SelectField name={`verslag.findings.${i}.theme`} label="Thema" value={f.theme} onChange={(theme) => set(i, { theme: theme as Finding['theme'] })} options={guideThemes.map((t) => ({ value: t, label: t }))} />
          </div>
          <TextAreaField name={`verslag.findings.${i}.text`} label="Beschrijving" value={f.text} onChange={(text) => set(i, { text })} rows={2} />
          <SecondaryActionButton type="button" onClick={() => setFindings((all) => all.filter((_, j) => j !== i))}>
            Weghalen<span className="lr-visually-hidden"> succesfactor of valkuil {i + 1}</span>
          </SecondaryActionButton>
        </div>
      ))}
      <SecondaryActionButton type="button" onClick={() => setFindings((all) => [...all, { kind: 'success', theme: guideThemes[0], text: '' }])}>
        Succesfactor of valkuil toevoegen
      </SecondaryActionButton>
    </Form>
  );
}

/** The audited school's improvement points, each under a spearhead: its next action plan takes them over. */
function ImprovementsForm({ v, onDone }: { v: View; onDone: () => void }) {
  const active = v.spearheads.filter((s) => s.active);
  const [points, setPoints] = useState(v.improvements.length ? v.improvements : [{ text: '', spearheadId: active[0]?.id ?? '' }]);
  const form = useForm(ImprovementsInput, (input: z.output<typeof ImprovementsInput>) => api.put(`quality/audits/${v.id}/improvements`, input), { prefix: 'verbeterpunten', onDone });
  const set = (i: number, p: Partial<(typeof points)[number]>) => setPoints((all) => all.map((x, j) => (j === i ? { ...x, ...p } : x)));
  return (
    <Form form={form} onSubmit={() => form.submit({ points })} submit={{ label: 'Verbeterpunten opslaan' }} aria-labelledby="verbeterpunten-kop">
      {points.map((p, i) => (
        <div key={i} className="lr-quality-goal">
          <TextAreaField name={`verbeterpunten.points.${i}.text`} label={`Verbeterpunt ${i + 1}`} value={p.text} onChange={(text) => set(i, { text })} rows={2} />
          <SelectField name={`verbeterpunten.points.${i}.spearheadId`} label="Speerpunt" value={p.spearheadId} onChange={(spearheadId) => set(i, { spearheadId })} options={active.map((s) => ({ value: s.id, label: s.label }))} />
          <SecondaryActionButton type="button" onClick={() => setPoints((all) => all.filter((_, j) => j !== i))}>
            Verbeterpunt {i + 1} weghalen
          </SecondaryActionButton>
        </div>
      ))}
      <SecondaryActionButton type="button" onClick={() => setPoints((all) => [...all, { text: '', spearheadId: active[0]?.id ?? '' }])}>
        Verbeterpunt toevoegen
      </SecondaryActionButton>
    </Form>
  );
}

/** One peer audit: planning, the random pupil, the chair's report and the school's improvement points. */
export function AuditPage() {
  const { id } = useParams();
  const client = useQueryClient();
  const q = useQuery({ queryKey: ['peer-audit', id], queryFn: () => api.get<View>(`quality/audits/${id}`) });
  const draw = useAction();
  const { notice, flash } = useFlash({ testId: 'audit-melding' });
  if (q.isPending) return <Loading what="Audit" />;
  if (q.isError) return <QueryError error={q.error} />;
  const v = q.data;
  const refresh = async (message: string) => {
    await client.invalidateQueries({ queryKey: ['peer-audit', id] });
    flash(message);
  };
  const label = new Map(v.spearheads.map((s) => [s.id, s.label]));
  return (
    <>
      <PageTitle title={`Audit ${v.schoolYear}: ${v.school.name}`} />
      <Paragraph>
        Geauditeerd door {v.auditorSchool.name}
        {v.plannedOn ? ` op ${day(v.plannedOn)}, ${v.plannedMinutes} minuten` : ', nog niet gepland'}.{v.chairName ? ` Voorzitter: ${v.chairName}.` : ''}
        {v.auditors.length ? ` Auditoren: ${v.auditors.map((a) => a.name).join(', ')}.` : ''}
      </Paragraph>
      {notice}
      {v.allowed.plan ? (
        <PlanForm key={`${v.plannedOn}-${v.auditors.length}`} v={v} onDone={() => refresh('De planning is opgeslagen.')} />
      ) : (
        <>
          {v.successfulDossier && <Paragraph>Succesvol dossier: {v.successfulDossier}</Paragraph>}
          {v.difficultDossier && <Paragraph>Moeilijk dossier: {v.difficultDossier}</Paragraph>}
        </>
      )}

      <section aria-labelledby="leerling-kop">
        <Heading2 id="leerling-kop">Willekeurig getrokken leerling</Heading2>
        <Paragraph className="lr-muted">Een leerling met een toegekend arrangement: is de extra ondersteuning herkenbaar en te onderscheiden van de basisondersteuning?</Paragraph>
        {draw.error && <Notice type="error">{draw.error}</Notice>}
        {v.allowed.drawPupil && (
          <SecondaryActionButton type="button" disabled={draw.busy} onClick={() => void draw.run(() => api.post(`quality/audits/${v.id}/pupil-draw`), () => refresh('De leerling is getrokken.'))}>
            Leerling trekken
          </SecondaryActionButton>
        )}
        <DrawnPupil v={v} />
      </section>

      <section aria-labelledby="verslag-kop">
        <Heading2 id="verslag-kop">Verslag van de voorzitter</Heading2>
        {v.allowed.report ? (
          <ReportForm key={String(v.report?.at ?? '')} v={v} onDone={() => refresh('Het verslag is opgeslagen.')} />
        ) : v.report ? (
          <>
            {reportQuestions.map((rq) => (
              <div key={rq.key}>
                <Paragraph>
                  <strong>{rq.label}</strong>
                </Paragraph>
                <Paragraph>{v.report!.answers[rq.key] || '—'}</Paragraph>
              </div>
            ))}
            <ul>
              {v.report.findings.map((f, i) => (
                <li key={i}>
                  {findingKindLabels[f.kind]} ({f.theme}): {f.text}
                </li>
              ))}
            </ul>
          </>
        ) : (
          <Paragraph>Het verslag volgt na de audit.</Paragraph>
        )}
      </section>

      <section aria-labelledby="verbeterpunten-kop">
        <Heading2 id="verbeterpunten-kop">Verbeterpunten van de school</Heading2>
        <Paragraph className="lr-muted">Het volgende actieplan van de school neemt deze punten over.</Paragraph>
        {v.allowed.improve ? (
          <ImprovementsForm key={String(v.improvementsAt ?? '')} v={v} onDone={() => refresh('De verbeterpunten zijn opgeslagen.')} />
        ) : v.improvements.length ? (
          <ul>
            {v.improvements.map((p, i) => (
              <li key={i}>
                {p.text} ({label.get(p.spearheadId) ?? 'speerpunt'})
              </li>
            ))}
          </ul>
        ) : (
          <Paragraph>Nog geen verbeterpunten.</Paragraph>
        )}
      </section>
    </>
  );
}

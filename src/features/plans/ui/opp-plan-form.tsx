import { useEffect, useRef, useState, type ReactNode } from 'react';
import { fieldId, SelectField, TextField, type FieldErrors } from '../../../web/forms.tsx';
import { day } from '../../../web/ui.tsx';
import { aspectLabels, aspects, factorCategories } from '../schema.ts';
import { destinationsFor, factorCategoryLabels, factSourceLabels, newRowId, OppSection, summaryQuestions, TextAreaField, type FactOptionData } from './opp-kit.tsx';
import { planField, type Draft } from './opp-plan-draft.ts';

function RemoveButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" className="utrecht-button utrecht-button--subtle lr-opp-remove" onClick={onClick}>
      {label}
    </button>
  );
}

function AddButton({ children, onClick }: { children: ReactNode; onClick: () => void }) {
  return (
    <button type="button" className="utrecht-button utrecht-button--secondary-action lr-opp-add" onClick={onClick}>
      {children}
    </button>
  );
}

function DateField({ name, label, value, onChange, error }: { name: string; label: string; value: string; onChange: (v: string) => void; error?: string }) {
  return <TextField name={name} label={label} type="date" value={value} onChange={onChange} error={error} />;
}

/**
 * The editable plan. Repeating rows are fieldsets with a legend; after adding
 * a row the focus moves to its first field, and a live region says what was
 * added.
 */
export function PlanForm({
  draft,
  update,
  errors,
  kind,
  schoolKind,
  facts,
  factsError,
}: {
  draft: Draft;
  update: (f: (d: Draft) => Draft) => void;
  errors: FieldErrors;
  kind: 'full' | 'light';
  schoolKind: string;
  facts: FactOptionData[] | undefined;
  factsError: boolean;
}) {
  const focusNext = useRef<string | null>(null);
  const [announce, setAnnounce] = useState('');
  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });
  const added = (focusPath: string, message: string) => {
    focusNext.current = fieldId(planField(focusPath));
    setAnnounce(message);
  };
  const err = (path: string) => errors[planField(path)];
  const full = kind === 'full';

  const pickedIds = new Set(draft.facts.map((f) => f.sourceId));
  // Picked facts stay listed even when the dossier no longer offers them.
  const factList: FactOptionData[] = [
    ...(facts ?? []),
    ...draft.facts.filter((f) => !(facts ?? []).some((o) => o.sourceId === f.sourceId)).map((f) => ({ ...f, label: factSourceLabels[f.source] ?? f.source, confidential: false })),
  ];

  function toggleFact(o: FactOptionData, on: boolean) {
    update((d) => ({
      ...d,
      facts: on ? [...d.facts, { source: o.source, sourceId: o.sourceId, date: o.date, text: o.text }] : d.facts.filter((f) => f.sourceId !== o.sourceId),
    }));
  }
  function addFactor(factorKind: 'supporting' | 'hindering', from?: FactOptionData) {
    const index = draft.factors.length;
    update((d) => ({
      ...d,
      factors: [...d.factors, { kind: factorKind, category: '' as never, description: from ? from.text.slice(0, 1000) : '', factSourceId: from?.sourceId ?? null }],
    }));
    added(`factors.${index}.category`, `${factorKind === 'supporting' ? 'Bevorderende' : 'Belemmerende'} factor toegevoegd${from ? ' vanuit het feit' : ''}. Kies een categorie.`);
  }

  const factorRows = (factorKind: 'supporting' | 'hindering') => {
    const rows = draft.factors.map((f, i) => ({ f, i })).filter(({ f }) => f.kind === factorKind);
    const title = factorKind === 'supporting' ? 'Bevorderende factor' : 'Belemmerende factor';
    return (
      <div className="lr-opp-factor-col">
        <h3 className="utrecht-heading-3">{factorKind === 'supporting' ? 'Bevorderend' : 'Belemmerend'}</h3>
        {rows.length === 0 && <p className="lr-muted">Nog geen {factorKind === 'supporting' ? 'bevorderende' : 'belemmerende'} factoren.</p>}
        {rows.map(({ f, i }, n) => (
          <fieldset key={i} className="lr-opp-row">
            <legend className="lr-opp-legend">
              {title} {n + 1}
              {f.factSourceId && <span className="lr-badge lr-opp-from-fact">uit dossier</span>}
            </legend>
            <SelectField
              name={planField(`factors.${i}.category`)}
              label="Categorie"
              value={f.category}
              onChange={(v) => update((d) => ({ ...d, factors: d.factors.map((x, j) => (j === i ? { ...x, category: v as never } : x)) }))}
              options={factorCategories.map((c) => ({ value: c, label: factorCategoryLabels[c] ?? c }))}
              placeholder="Kies een categorie"
              error={err(`factors.${i}.category`)}
            />
            <TextAreaField
              name={planField(`factors.${i}.description`)}
              label="Omschrijving"
              rows={3}
              value={f.description}
              onChange={(v) => update((d) => ({ ...d, factors: d.factors.map((x, j) => (j === i ? { ...x, description: v } : x)) }))}
              error={err(`factors.${i}.description`)}
            />
            <RemoveButton label={`${title} ${n + 1} verwijderen`} onClick={() => update((d) => ({ ...d, factors: d.factors.filter((_, j) => j !== i) }))} />
          </fieldset>
        ))}
        <AddButton onClick={() => addFactor(factorKind)}>{title} toevoegen</AddButton>
      </div>
    );
  };

  return (
    <div className="lr-opp-form">
      <p className="lr-visually-hidden" role="status" aria-live="polite">
        {announce}
      </p>

      {full && (
        <OppSection id="plan-perspectief" title="Uitstroomperspectief" intro="Waar werkt de leerling naartoe, en waarom is dat haalbaar?">
          <SelectField
            name={planField('perspective.destination')}
            label="Uitstroombestemming"
            value={draft.perspective.destination}
            onChange={(v) => update((d) => ({ ...d, perspective: { ...d.perspective, destination: v } }))}
            options={destinationsFor(schoolKind)}
            placeholder="Kies een bestemming"
            error={err('perspective.destination')}
          />
          <TextAreaField
            name={planField('perspective.grounds')}
            label="Onderbouwing"
            description="Verwijs naar de feiten uit het dossier hieronder: kies ze, typ ze niet over."
            rows={5}
            value={draft.perspective.grounds}
            onChange={(v) => update((d) => ({ ...d, perspective: { ...d.perspective, grounds: v } }))}
            error={err('perspective.grounds')}
          />
        </OppSection>
      )}

      <OppSection id="plan-feiten" title="Feiten uit het dossier" intro="Kies de feiten die het plan onderbouwen. Ze worden in het plan vastgelegd zoals ze nu in het dossier staan.">
        {factsError && <p className="lr-opp-field-error">De feiten uit het dossier konden niet worden geladen.</p>}
        {facts === undefined && !factsError ? (
          <p className="lr-muted" role="status">
            Feiten laden…
          </p>
        ) : factList.length === 0 ? (
          <p className="lr-muted">Het dossier heeft nog geen feiten (kwadrant, logboek, besluiten, afspraken, behoeften).</p>
        ) : (
          <fieldset className="lr-opp-facts">
            <legend className="lr-opp-legend">Feiten om te gebruiken ({pickedIds.size} gekozen)</legend>
            <ul className="lr-opp-fact-list">
              {factList.map((o) => {
                const id = fieldId(`opp.fact.${o.sourceId}`);
                const picked = pickedIds.has(o.sourceId);
                const asFactor = draft.factors.some((f) => f.factSourceId === o.sourceId);
                return (
                  <li key={o.sourceId} className={picked ? 'lr-opp-fact lr-opp-fact--picked' : 'lr-opp-fact'}>
                    <div className="lr-opp-fact__check">
                      <input
                        type="checkbox"
                        id={id}
                        checked={picked}
                        disabled={o.confidential && !picked}
                        aria-describedby={o.confidential ? `${id}-vertrouwelijk` : undefined}
                        onChange={(e) => toggleFact(o, e.target.checked)}
                        className="utrecht-checkbox utrecht-checkbox--html-input"
                      />
                      <label htmlFor={id}>
                        <span className="lr-opp-fact__label">
                          {o.label} · {day(o.date)}
                          {o.confidential && <span className="lr-badge"> Vertrouwelijk</span>}
                        </span>
                        <span className="lr-opp-fact__text">{o.text}</span>
                        {o.confidential && (
                          <span id={`${id}-vertrouwelijk`} className="lr-muted lr-small">
                            Gaat niet mee in het plan: ouders en docenten lezen het plan, deze aantekening is alleen voor het ondersteuningsteam.
                          </span>
                        )}
                      </label>
                    </div>
                    {full && picked && (
                      <div className="lr-opp-fact__actions">
                        {asFactor ? (
                          <span className="lr-muted lr-small">Gebruikt als factor</span>
                        ) : (
                          <>
                            <button type="button" className="utrecht-button utrecht-button--subtle lr-opp-small-button" onClick={() => addFactor('supporting', o)}>
                              Als bevorderende factor<span className="lr-visually-hidden">: {o.text.slice(0, 60)}</span>
                            </button>
                            <button type="button" className="utrecht-button utrecht-button--subtle lr-opp-small-button" onClick={() => addFactor('hindering', o)}>
                              Als belemmerende factor<span className="lr-visually-hidden">: {o.text.slice(0, 60)}</span>
                            </button>
                          </>
                        )}
                      </div>
                    )}
                  </li>
                );
              })}
            </ul>
          </fieldset>
        )}
      </OppSection>

      {full && (
        <OppSection id="plan-factoren" title="Bevorderende en belemmerende factoren" intro="Wat helpt de leerling, en wat staat in de weg? Kies per factor een categorie.">
          <div className="lr-opp-factors">
            {factorRows('supporting')}
            {factorRows('hindering')}
          </div>
        </OppSection>
      )}

      <OppSection id="plan-doelen" title="Doelen" intro="SMART: wat wil de leerling bereiken, hoe zien we dat, en wanneer.">
        {draft.goals.map((g, i) => (
          <fieldset key={g.id} className="lr-opp-row">
            <legend className="lr-opp-legend">Doel {i + 1}</legend>
            <TextAreaField name={planField(`goals.${i}.what`)} label="Wat is het doel?" rows={2} value={g.what} onChange={(v) => update((d) => ({ ...d, goals: d.goals.map((x, j) => (j === i ? { ...x, what: v } : x)) }))} error={err(`goals.${i}.what`)} />
            <TextAreaField
              name={planField(`goals.${i}.howWeSee`)}
              label="Hoe zien we dat het doel bereikt is?"
              rows={2}
              value={g.howWeSee}
              onChange={(v) => update((d) => ({ ...d, goals: d.goals.map((x, j) => (j === i ? { ...x, howWeSee: v } : x)) }))}
              error={err(`goals.${i}.howWeSee`)}
            />
            <DateField name={planField(`goals.${i}.by`)} label="Wanneer (uiterlijk)?" value={g.by} onChange={(v) => update((d) => ({ ...d, goals: d.goals.map((x, j) => (j === i ? { ...x, by: v } : x)) }))} error={err(`goals.${i}.by`)} />
            <RemoveButton label={`Doel ${i + 1} verwijderen`} onClick={() => update((d) => ({ ...d, goals: d.goals.filter((_, j) => j !== i) }))} />
          </fieldset>
        ))}
        {draft.goals.length === 0 && <p className="lr-muted">Nog geen doelen.</p>}
        <AddButton
          onClick={() => {
            const i = draft.goals.length;
            update((d) => ({ ...d, goals: [...d.goals, { id: newRowId(), what: '', howWeSee: '', by: '' }] }));
            added(`goals.${i}.what`, `Doel ${i + 1} toegevoegd.`);
          }}
        >
          Doel toevoegen
        </AddButton>
      </OppSection>

      <OppSection id="plan-maatregelen" title="Maatregelen" intro="Wat doet de school extra? Per maatregel: welk aspect van ondersteuning, wat, wie, hoeveel uur per week en waar.">
        {draft.measures.map((m, i) => {
          const set = (patch: Partial<Draft['measures'][number]>) => update((d) => ({ ...d, measures: d.measures.map((x, j) => (j === i ? { ...x, ...patch } : x)) }));
          return (
            <fieldset key={m.id} className="lr-opp-row">
              <legend className="lr-opp-legend">Maatregel {i + 1}</legend>
              <SelectField
                name={planField(`measures.${i}.aspect`)}
                label="Aspect van ondersteuning"
                value={m.aspect}
                onChange={(v) => set({ aspect: v as never })}
                options={aspects.map((a) => ({ value: a, label: aspectLabels[a] }))}
                placeholder="Kies een aspect"
                error={err(`measures.${i}.aspect`)}
              />
              <TextAreaField name={planField(`measures.${i}.description`)} label="Wat gaat de school doen?" rows={2} value={m.description} onChange={(v) => set({ description: v })} error={err(`measures.${i}.description`)} />
              <div className="lr-opp-grid3">
                <TextField name={planField(`measures.${i}.who`)} label="Wie doet het?" value={m.who} onChange={(v) => set({ who: v })} error={err(`measures.${i}.who`)} />
                <TextField name={planField(`measures.${i}.hoursPerWeek`)} label="Uren per week" inputMode="text" value={m.hoursPerWeek} onChange={(v) => set({ hoursPerWeek: v })} error={err(`measures.${i}.hoursPerWeek`)} />
                <TextField name={planField(`measures.${i}.where`)} label="Waar (optioneel)" value={m.where} onChange={(v) => set({ where: v })} error={err(`measures.${i}.where`)} />
              </div>
              <RemoveButton label={`Maatregel ${i + 1} verwijderen`} onClick={() => update((d) => ({ ...d, measures: d.measures.filter((_, j) => j !== i) }))} />
            </fieldset>
          );
        })}
        {draft.measures.length === 0 && <p className="lr-muted">Nog geen maatregelen.</p>}
        <AddButton
          onClick={() => {
            const i = draft.measures.length;
            update((d) => ({ ...d, measures: [...d.measures, { id: newRowId(), aspect: '' as never, description: '', who: '', hoursPerWeek: '', where: '' }] }));
            added(`measures.${i}.aspect`, `Maatregel ${i + 1} toegevoegd.`);
          }}
        >
          Maatregel toevoegen
        </AddButton>
      </OppSection>

      <OppSection id="plan-afwijkingen" title="Afwijkingen van het onderwijsprogramma">
        <TextAreaField
          name={planField('curriculumDeviations')}
          label="Afwijkingen"
          description="Bijvoorbeeld vrijstellingen, een aangepast rooster of een ander niveau voor een vak. Leeg laten als er geen zijn."
          rows={3}
          value={draft.curriculumDeviations}
          onChange={(v) => update((d) => ({ ...d, curriculumDeviations: v }))}
          error={err('curriculumDeviations')}
        />
      </OppSection>

      <OppSection id="plan-evaluatiemomenten" title="Evaluatiemomenten" intro="Minstens één keer per jaar, samen met de ouders.">
        {draft.evaluationDates.map((d, i) => (
          <div key={i} className="lr-opp-inline-row">
            <DateField
              name={planField(`evaluationDates.${i}`)}
              label={`Evaluatiemoment ${i + 1}`}
              value={d}
              onChange={(v) => update((x) => ({ ...x, evaluationDates: x.evaluationDates.map((y, j) => (j === i ? v : y)) }))}
              error={err(`evaluationDates.${i}`)}
            />
            <RemoveButton label={`Evaluatiemoment ${i + 1} verwijderen`} onClick={() => update((x) => ({ ...x, evaluationDates: x.evaluationDates.filter((_, j) => j !== i) }))} />
          </div>
        ))}
        {draft.evaluationDates.length === 0 && <p className="lr-muted">Nog geen evaluatiemoment gepland.</p>}
        <AddButton
          onClick={() => {
            const i = draft.evaluationDates.length;
            update((d) => ({ ...d, evaluationDates: [...d.evaluationDates, ''] }));
            added(`evaluationDates.${i}`, `Evaluatiemoment ${i + 1} toegevoegd.`);
          }}
        >
          Evaluatiemoment toevoegen
        </AddButton>
      </OppSection>

      <OppSection id="plan-handelingsadviezen" title="Handelingsadviezen voor docenten" intro="Wat docenten in de les doen. Na instemming komen deze adviezen in de klassenscan.">
        {draft.handelingsadviezen.map((a, i) => (
          <div key={i} className="lr-opp-inline-row lr-opp-inline-row--wide">
            <TextField
              name={planField(`handelingsadviezen.${i}`)}
              label={`Handelingsadvies ${i + 1}`}
              value={a}
              onChange={(v) => update((d) => ({ ...d, handelingsadviezen: d.handelingsadviezen.map((y, j) => (j === i ? v : y)) }))}
              error={err(`handelingsadviezen.${i}`)}
            />
            <RemoveButton label={`Handelingsadvies ${i + 1} verwijderen`} onClick={() => update((d) => ({ ...d, handelingsadviezen: d.handelingsadviezen.filter((_, j) => j !== i) }))} />
          </div>
        ))}
        {draft.handelingsadviezen.length === 0 && <p className="lr-muted">Geen handelingsadviezen.</p>}
        <AddButton
          onClick={() => {
            const i = draft.handelingsadviezen.length;
            update((d) => ({ ...d, handelingsadviezen: [...d.handelingsadviezen, ''] }));
            added(`handelingsadviezen.${i}`, `Handelingsadvies ${i + 1} toegevoegd.`);
          }}
        >
          Handelingsadvies toevoegen
        </AddButton>
      </OppSection>

      <OppSection id="plan-mening" title="Mening van de leerling" intro="Hoorrecht: wat vindt de leerling zelf van het plan?">
        <TextAreaField name={planField('pupilView')} label="Wat zegt de leerling?" rows={4} value={draft.pupilView} onChange={(v) => update((d) => ({ ...d, pupilView: v }))} error={err('pupilView')} />
      </OppSection>

      <OppSection id="plan-samenvatting" title="Samenvatting voor ouders" intro="Ouders lezen dit eerst. Schrijf in gewone taal (B1): korte zinnen, geen vaktermen of afkortingen.">
        {summaryQuestions.map(([k, q]) =>
          k === 'nextTalk' ? (
            <TextField key={k} name={planField(`summary.${k}`)} label={q} value={draft.summary[k]} onChange={(v) => update((d) => ({ ...d, summary: { ...d.summary, [k]: v } }))} error={err(`summary.${k}`)} />
          ) : (
            <TextAreaField key={k} name={planField(`summary.${k}`)} label={q} rows={3} value={draft.summary[k]} onChange={(v) => update((d) => ({ ...d, summary: { ...d.summary, [k]: v } }))} error={err(`summary.${k}`)} />
          ),
        )}
      </OppSection>
    </div>
  );
}

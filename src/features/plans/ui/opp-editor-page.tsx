import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, ButtonGroup, Paragraph, PrimaryActionButton, SecondaryActionButton } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { useBlocker, useParams } from 'react-router';
import { useUnloadWarning } from '../../../web/actions.tsx';
import { api, ApiError } from '../../../web/api.ts';
import { Link, Loading, Notice, PageTitle, QueryError } from '../../../web/ui.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';
import { aspectLabels, SaveDraftInput } from '../schema.ts';
import { ConsultationsSection } from './opp-consultations.tsx';
import { OppEditorAside } from './opp-editor-aside.tsx';
import { OppEditorMeta, OppEditorToc } from './opp-editor-header.tsx';
import { EvaluationsSection } from './opp-evaluations.tsx';
import {
  destinationLabel,
  factorCategoryLabels,
  Modal,
  oppFactsKey,
  oppKey,
  summaryQuestions,
  useFlash,
  type FactOptionData,
  type OppPageData,
} from './opp-kit.tsx';
import { fromDraft, planFieldLabel, toDraft, type Draft } from './opp-plan-draft.ts';
import { PlanForm } from './opp-plan-form.tsx';
import { PlanView } from './opp-plan-view.tsx';
import { ResponsesSection } from './opp-signatures.tsx';
import { VersionsSection } from './opp-versions.tsx';
import './opp.css';

/** The author's own text as plain text, to copy when a save conflicts. */
function draftAsText(d: Draft, schoolKind: string): string {
  const out: string[] = [];
  const add = (title: string, body: string) => body.trim() && out.push(`${title}\n${body.trim()}`);
  add('Uitstroomperspectief', `${destinationLabel(schoolKind, d.perspective.destination)}\n${d.perspective.grounds}`);
  add('Factoren', d.factors.map((f) => `- ${f.kind === 'supporting' ? 'Bevorderend' : 'Belemmerend'} (${factorCategoryLabels[f.category] ?? '—'}): ${f.description}`).join('\n'));
  add('Doelen', d.goals.map((g, i) => `${i + 1}. ${g.what}\n   Hoe zien we het: ${g.howWeSee}\n   Wanneer: ${g.by}`).join('\n'));
  add('Maatregelen', d.measures.map((m, i) => `${i + 1}. ${m.description} (${aspectLabels[m.aspect] ?? '—'}; ${m.who}; ${m.hoursPerWeek} uur per week; ${m.where})`).join('\n'));
  add('Afwijkingen van het onderwijsprogramma', d.curriculumDeviations);
  add('Evaluatiemomenten', d.evaluationDates.join(', '));
  add('Handelingsadviezen', d.handelingsadviezen.map((a) => `- ${a}`).join('\n'));
  add('Mening van de leerling', d.pupilView);
  add('Samenvatting voor ouders', summaryQuestions.map(([k, q]) => (d.summary[k].trim() ? `${q}\n${d.summary[k]}` : '')).filter(Boolean).join('\n\n'));
  return out.join('\n\n');
}

const serverPath = (path: string) => `opp.${path.replace(/^content\.?/, '')}`;

export function OppEditorPage() {
  const { id = '' } = useParams();
  const client = useQueryClient();
  const page = useQuery({ queryKey: oppKey(id), queryFn: () => api.get<OppPageData>(`opps/${id}`) });
  const pupilId = page.data?.pupil.id;
  const facts = useQuery({ queryKey: oppFactsKey(pupilId ?? ''), queryFn: () => api.get<FactOptionData[]>(`pupils/${pupilId}/opp-facts`), enabled: !!pupilId });

  const [draft, setDraft] = useState<Draft | null>(null);
  const [baseline, setBaseline] = useState('');
  const [revision, setRevision] = useState(0);
  const [versionId, setVersionId] = useState('');
  const [conflict, setConflict] = useState<string | null>(null);
  /** The author's text kept after reloading someone else's newer plan. */
  const [keptText, setKeptText] = useState<string | null>(null);
  const [copied, setCopied] = useState<string | null>(null);
  const { message, flash, clear: clearFlash } = useFlash();
  const conflictBox = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // The author saved at the bottom of a long form: bring the conflict into view and read it out.
    if (conflict) conflictBox.current?.focus();
  }, [conflict]);

  const dirty = draft !== null && JSON.stringify(draft) !== baseline;
  const data = page.data;

  // Saving: the schema's paths under `content` are the form's fields under 'opp.'; a save that lost
  // to someone else's (409) is no error in the form but the conflict above it.
  const form = useForm(
    SaveDraftInput,
    async (input) => {
      const saved = JSON.stringify(draft);
      try {
        const res = await api.put<{ revision: number }>(`opps/${id}/draft`, input);
        return { revision: res.revision, saved };
      } catch (e) {
        if (!(e instanceof ApiError && e.status === 409)) throw e;
        clearFlash();
        setConflict(e.message);
        return null;
      }
    },
    {
      fieldName: serverPath,
      failMessage: 'Opslaan is niet gelukt. Uw tekst staat nog in het formulier; probeer het opnieuw.',
      onDone: async (res) => {
        if (!res) return;
        setRevision(res.revision);
        setBaseline(res.saved);
        flash('Het plan is opgeslagen.');
        await client.invalidateQueries({ queryKey: oppKey(id) });
      },
    },
  );

  // Load the server's plan into the form — unless the author has unsaved text (then it stays, and saving will say who saved in between).
  useEffect(() => {
    if (!data) return;
    const c = data.current;
    if (draft === null || !dirty || c.id !== versionId) {
      const d = toDraft(c.content);
      setDraft(d);
      setBaseline(JSON.stringify(d));
      setRevision(c.revision);
      setVersionId(c.id);
    }
  }, [data]);

  // Warn before leaving with unsaved changes: closing the tab, and links inside the app.
  useUnloadWarning(dirty);
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);

  if (page.isPending) return <Loading what="OPP" />;
  if (page.isError) {
    return (
      <>
        <PageTitle title="OPP" />
        <QueryError error={page.error} />
      </>
    );
  }
  const p = page.data;
  const v = p.current;
  const editable = p.allowed.edit && v.status === 'draft';
  const kindLabel = p.kind === 'light' ? 'OPP light' : 'OPP';

  async function copyMine(text: string) {
    try {
      await navigator.clipboard.writeText(text);
      setCopied('Uw tekst staat op het klembord.');
    } catch {
      setCopied('Kopiëren lukte niet automatisch. Selecteer de tekst hieronder en kopieer die.');
      setKeptText(text);
    }
  }

  async function reload() {
    if (draft && dirty) setKeptText(draftAsText(draft, p.school.kind));
    setConflict(null);
    const fresh = await client.fetchQuery({ queryKey: oppKey(id), queryFn: () => api.get<OppPageData>(`opps/${id}`), staleTime: 0 });
    const d = toDraft(fresh.current.content);
    setDraft(d);
    setBaseline(JSON.stringify(d));
    setRevision(fresh.current.revision);
    setVersionId(fresh.current.id);
    document.getElementById('plan-titel')?.focus();
  }

  const labels: Record<string, string> = {};
  for (const k of Object.keys(form.errors)) labels[k] = planFieldLabel(k);

  return (
    <div className="lr-opp">
      <Paragraph className="lr-opp-back">
        <Link to={`/leerlingen/${p.pupil.id}`}>← {p.pupil.name}</Link>
      </Paragraph>
      <PageTitle title={`${kindLabel} van ${p.pupil.name}`} />
      <OppEditorMeta p={p} />

      <OppEditorToc />

      {message && <Notice>{message}</Notice>}

      <div className="lr-opp-layout">
        <div className="lr-opp-main">
          {conflict && (
            <div className="lr-opp-conflict" role="alert" tabIndex={-1} ref={conflictBox}>
              <Alert type="error">
                <h2 className="utrecht-heading-2 lr-alert-heading">Niet opgeslagen: het plan is intussen gewijzigd</h2>
                <Paragraph>{conflict}</Paragraph>
                <Paragraph>Uw tekst staat nog in het formulier. Kopieer hem eerst; na herladen ziet u de nieuwste versie en blijft uw tekst hieronder staan om over te nemen.</Paragraph>
                <ButtonGroup>
                  <SecondaryActionButton type="button" onClick={() => draft && void copyMine(draftAsText(draft, p.school.kind))}>
                    Kopieer mijn tekst
                  </SecondaryActionButton>
                  <PrimaryActionButton type="button" onClick={() => void reload()}>
                    Herlaad het plan
                  </PrimaryActionButton>
                </ButtonGroup>
                {copied && <Paragraph role="status">{copied}</Paragraph>}
              </Alert>
            </div>
          )}
          {keptText !== null && (
            <div className="lr-opp-kept">
              <label className="utrecht-form-label" htmlFor="opp-mijn-tekst">
                Uw eigen tekst (niet opgeslagen) — neem over wat nog nodig is
              </label>
              <textarea id="opp-mijn-tekst" className="utrecht-textarea" readOnly rows={8} value={keptText} />
              <ButtonGroup>
                <SecondaryActionButton type="button" onClick={() => void copyMine(keptText)}>
                  Kopieer mijn tekst
                </SecondaryActionButton>
                <SecondaryActionButton type="button" onClick={() => setKeptText(null)}>
                  Verbergen
                </SecondaryActionButton>
              </ButtonGroup>
            </div>
          )}

          <section id="plan" aria-labelledby="plan-titel" className="lr-opp-plan">
            <h2 className="utrecht-heading-2 lr-opp-plan__title" id="plan-titel" tabIndex={-1}>
              Het plan{editable ? '' : ` (versie ${v.number}, ${v.status === 'draft' ? 'alleen lezen' : 'ligt vast'})`}
            </h2>
            {!editable && p.allowed.edit && v.status !== 'draft' && (
              <Notice type="info">Deze versie is naar de ouders gestuurd en ligt vast. Wilt u iets aanpassen? Kies bij Reacties voor “Nieuwe versie maken”.</Notice>
            )}
            {editable && draft ? (
              <Form
                form={form}
                id="opp-form"
                className=""
                aria-labelledby="plan-titel"
                labels={labels}
                onSubmit={() => {
                  setConflict(null);
                  return form.submit({ revision, content: fromDraft(draft) });
                }}
                submit={{ label: 'Plan opslaan' }}
                buttonsClassName="lr-opp-savebar"
                actions={
                  <span className="lr-muted" aria-live="polite">
                    {dirty ? 'Er zijn niet-opgeslagen wijzigingen.' : 'Alles is opgeslagen.'}
                  </span>
                }
              >
                <PlanForm
                  draft={draft}
                  update={(f) => setDraft((d) => (d ? f(d) : d))}
                  errors={form.errors}
                  kind={p.kind}
                  schoolKind={p.school.kind}
                  facts={facts.data}
                  factsError={facts.isError}
                />
              </Form>
            ) : (
              <PlanView content={v.content} kind={p.kind} schoolKind={p.school.kind} />
            )}
          </section>

          <ResponsesSection page={p} onFlash={flash} />
          <ConsultationsSection page={p} onFlash={flash} />
          <EvaluationsSection page={p} onFlash={flash} />
          <VersionsSection page={p} />
        </div>

        <OppEditorAside p={p} id={id} editable={editable} dirty={dirty} saving={form.sending} revision={revision} flash={flash} />
      </div>

      <Modal id="weggaan" title="Wijzigingen niet opgeslagen" open={blocker.state === 'blocked'} onClose={() => blocker.reset?.()}>
        <Paragraph>U heeft het plan gewijzigd maar nog niet opgeslagen. Als u weggaat, bent u deze wijzigingen kwijt.</Paragraph>
        <ButtonGroup>
          <PrimaryActionButton type="button" onClick={() => blocker.reset?.()}>
            Blijven
          </PrimaryActionButton>
          <SecondaryActionButton type="button" onClick={() => blocker.proceed?.()}>
            Weggaan zonder opslaan
          </SecondaryActionButton>
        </ButtonGroup>
      </Modal>
    </div>
  );
}

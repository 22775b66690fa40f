import { useQueryClient } from '@tanstack/react-query';
import { Alert, ButtonGroup, Paragraph, PrimaryActionButton, SecondaryActionButton } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { useUnloadWarning } from '../../../web/actions.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';
import { api, ApiError } from '../../../web/api.ts';
import { TextAreaField } from '../../../web/forms.tsx';
import { SaveRequestInput } from '../schema.ts';
import { errorText, ReqSection, requestKey, type RequestData } from './request-kit.tsx';

type Texts = { question: string; doneAlready: string; expectation: string; returnGoal: string; groupDescription: string };
type Field = readonly [Exclude<keyof Texts, 'groupDescription'>, string, string];
const commonFields: Field[] = [
  ['question', 'Wat is de vraag aan het samenwerkingsverband?', 'Beschrijf kort wat u vraagt en voor wie.'],
  ['doneAlready', 'Wat heeft de school al gedaan, en met welk effect?', 'Noem de aanpak, hoe lang, en wat het opleverde. Verwijs gerust naar het OPP en de evaluaties die u hieronder toevoegt.'],
  ['expectation', 'Wat verwacht de school van het samenwerkingsverband?', 'Wat moet er na de aanvraag anders zijn voor de leerling?'],
];
/** An OPDC place is temporary; the own school keeps responsibility and states the return goal. */
const returnGoalField: Field = [
  'returnGoal',
  'Wat is het terugkeerdoel?',
  'Wat moet er bereikt zijn om terug te gaan naar de eigen school, en wanneer verwacht u dat? De leerling blijft ingeschreven op uw school.',
];
const fieldsOf = (r: RequestData) => (r.kind === 'opdc' ? [...commonFields, returnGoalField] : commonFields);
const labels: Record<string, string> = {
  'teksten.question': 'De vraag',
  'teksten.doneAlready': 'Wat de school al deed',
  'teksten.expectation': 'Wat de school verwacht',
  'teksten.returnGoal': 'Het terugkeerdoel',
  'teksten.groupDescription': 'De groep',
};

const textsOf = (r: RequestData): Texts => ({ question: r.question, doneAlready: r.doneAlready, expectation: r.expectation, returnGoal: r.returnGoal, groupDescription: r.groupDescription });
const same = (a: Texts, b: Texts) => JSON.stringify(a) === JSON.stringify(b);
const asPlainText = (t: Texts, fields: Field[]) =>
  fields
    .map(([k, label]) => (t[k].trim() ? `${label}\n${t[k].trim()}` : ''))
    .filter(Boolean)
    .join('\n\n');

/**
 * The request's own texts. While a draft the school writes them here; the
 * form keeps the revision it was loaded at, so a save over someone else's
 * newer text is refused (409) and the author's text stays in the form.
 */
export function RequestTexts({ r, onDirty, onSaved }: { r: RequestData; onDirty: (dirty: boolean) => void; onSaved: (message: string) => void }) {
  const client = useQueryClient();
  const [texts, setTexts] = useState<Texts>(() => textsOf(r));
  /** The server's texts the form started from, and their revision. */
  const [base, setBase] = useState<{ texts: Texts; revision: number }>(() => ({ texts: textsOf(r), revision: r.revision }));
  const [conflict, setConflict] = useState<string | null>(null);
  const [kept, setKept] = useState<string | null>(null);
  const form = useForm(
    SaveRequestInput,
    async (input) => {
      try {
        const res = await api.put<{ revision: number }>(`requests/${r.id}`, input);
        setBase({ texts, revision: res.revision });
        onSaved('De aanvraag is opgeslagen.');
        await client.invalidateQueries({ queryKey: requestKey(r.id) });
      } catch (e) {
        if (e instanceof ApiError && e.status === 409) {
          setConflict(e.message);
          return;
        }
        throw e;
      }
    },
    { prefix: 'teksten' },
  );
  const conflictBox = useRef<HTMLDivElement>(null);
  const dirty = !same(texts, base.texts);

  useEffect(() => onDirty(dirty), [dirty]);
  useEffect(() => {
    if (conflict) conflictBox.current?.focus();
  }, [conflict]);
  // A newer server state: take it when nothing is typed, or when only the revision moved (an attachment, not the texts).
  useEffect(() => {
    const server = textsOf(r);
    if (!dirty) {
      setTexts(server);
      setBase({ texts: server, revision: r.revision });
    } else if (same(server, base.texts)) setBase({ texts: server, revision: r.revision });
  }, [r.revision, r.question, r.doneAlready, r.expectation, r.returnGoal, r.groupDescription]);

  // Closing the tab with unsaved text asks first.
  useUnloadWarning(dirty);

  if (!r.can.edit) {
    return (
      <ReqSection id="teksten" title="De aanvraag">
        {!r.pupil && <ReadText label="De groep" text={r.groupDescription} />}
        {fieldsOf(r).map(([k, label]) => (
          <ReadText key={k} label={label} text={r[k]} />
        ))}
      </ReqSection>
    );
  }

  async function save() {
    setConflict(null);
    await form.submit({ revision: base.revision, ...texts });
  }

  /** Loads the newest texts; the author's own text stays on screen to copy from. */
  async function reload() {
    setKept(asPlainText(texts, fieldsOf(r)));
    setConflict(null);
    try {
      const fresh = await client.fetchQuery({ queryKey: requestKey(r.id), queryFn: () => api.get<RequestData>(`requests/${r.id}`), staleTime: 0 });
      setTexts(textsOf(fresh));
      setBase({ texts: textsOf(fresh), revision: fresh.revision });
      document.getElementById('teksten-titel')?.focus();
    } catch (e) {
      setConflict(errorText(e, 'Herladen is niet gelukt. Uw tekst staat nog in het formulier.'));
    }
  }

  const set = (k: keyof Texts) => (v: string) => setTexts((t) => ({ ...t, [k]: v }));
  return (
    <ReqSection id="teksten" title="De aanvraag" intro="Schrijf in gewone woorden; ouders lezen mee en het samenwerkingsverband beslist op deze tekst.">
      {conflict && (
        <div className="lr-req-conflict" role="alert" tabIndex={-1} ref={conflictBox} data-testid="opslaan-conflict">
          <Alert type="error">
            <h3 className="utrecht-heading-3 lr-alert-heading">Niet opgeslagen: iemand anders heeft de aanvraag intussen gewijzigd</h3>
            <Paragraph>{conflict}</Paragraph>
            <Paragraph>Uw tekst staat nog in het formulier. Na herladen ziet u de nieuwste tekst, en blijft uw eigen tekst eronder staan om over te nemen.</Paragraph>
            <PrimaryActionButton type="button" onClick={() => void reload()}>
              Herlaad de aanvraag
            </PrimaryActionButton>
          </Alert>
        </div>
      )}
      {kept !== null && (
        <div className="lr-req-kept">
          <TextAreaField name="teksten.mijn-tekst" label="Uw eigen tekst (niet opgeslagen): neem over wat nog nodig is" value={kept} readOnly rows={8} />
          <ButtonGroup>
            <SecondaryActionButton type="button" onClick={() => setKept(null)}>
              Verbergen
            </SecondaryActionButton>
          </ButtonGroup>
        </div>
      )}
      <Form
        form={form}
        className="lr-form lr-req-form"
        aria-labelledby="teksten-titel"
        onSubmit={save}
        labels={labels}
        submit={{ label: 'Aanvraag opslaan' }}
        actions={
          <span className="lr-muted" aria-live="polite" data-testid="opslaan-stand">
            {dirty ? 'Er zijn niet-opgeslagen wijzigingen.' : 'Alles is opgeslagen.'}
          </span>
        }
      >
        {!r.pupil && (
          <TextAreaField name="teksten.groupDescription" label="Om welke groep gaat het?" rows={2} value={texts.groupDescription} onChange={set('groupDescription')} />
        )}
        {fieldsOf(r).map(([k, label, description]) => (
          <TextAreaField key={k} name={`teksten.${k}`} label={label} description={description} rows={k === 'doneAlready' ? 8 : 5} value={texts[k]} onChange={set(k)} />
        ))}
      </Form>
    </ReqSection>
  );
}

function ReadText({ label, text }: { label: string; text: string }) {
  return (
    <div className="lr-req-text">
      <h3 className="utrecht-heading-3">{label}</h3>
      <p className="lr-req-pre">{text.trim() || '—'}</p>
    </div>
  );
}

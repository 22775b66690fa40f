import { Alert, FormField, FormFieldDescription, FormFieldErrorMessage, FormLabel, Heading2, Heading3, Paragraph, PrimaryActionButton, RadioButton, Textarea, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { ApiError } from '../../../web/api.ts';
import { dateTime } from '../../../web/ui.tsx';
import { ParentRespondInput } from '../parent-schema.ts';
import { Routes, Text, type ParentPlanData } from './parent-plan.tsx';

/** The answer: agree, or disagree with a reason. The comment is required only for a no (the server checks it too). */
export function AnswerForm({ plan, send }: { plan: ParentPlanData; send: (input: { decision: 'agree' | 'disagree'; comment: string }) => Promise<void> }) {
  const [decision, setDecision] = useState<'' | 'agree' | 'disagree'>('');
  const [comment, setComment] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const summary = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (attempt > 0) summary.current?.focus();
  }, [attempt]);

  async function submit() {
    const parsed = ParentRespondInput.safeParse({ decision: decision || undefined, comment });
    if (!parsed.success) {
      const e: Record<string, string> = {};
      for (const i of parsed.error.issues) e[String(i.path[0] ?? 'decision')] ??= i.path[0] === 'decision' ? 'Kies: eens of niet eens.' : i.message;
      setErrors(e);
      setFormError(null);
      setAttempt((n) => n + 1);
      return;
    }
    setSending(true);
    setErrors({});
    setFormError(null);
    try {
      await send(parsed.data);
    } catch (e) {
      if (e instanceof ApiError && e.fields.length) setErrors(Object.fromEntries(e.fields.map((f) => [f.path, f.message])));
      else setFormError(e instanceof ApiError ? e.message : 'Dat is niet gelukt. Probeer het opnieuw.');
      setAttempt((n) => n + 1);
    } finally {
      setSending(false);
    }
  }

  const you = plan.signer === 'pupil' ? 'je' : 'u';
  const problems = Object.entries(errors);
  return (
    <section aria-labelledby="antwoord-titel" className="lr-parent-answer">
      <Heading2 id="antwoord-titel">Bent u het eens met de afspraken over de ondersteuning?</Heading2>
      <Paragraph>
        {plan.signer === 'pupil'
          ? 'Je bent 16 jaar of ouder. Daarom mag je zelf zeggen of je het eens bent met het plan.'
          : 'U mag zeggen of u het eens bent met wat de school gaat doen. Dat is uw recht.'}{' '}
        Het plan geldt pas als iedereen die moet tekenen het eens is. Bent {you} het niet eens? Dan praat de school met {you} over een oplossing.
      </Paragraph>
      <form
        className="lr-form"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        {(problems.length > 0 || formError) && (
          <div ref={summary} tabIndex={-1}>
            <Alert type="error">
              {formError && <Paragraph>{formError}</Paragraph>}
              {problems.length > 0 && (
                <UnorderedList>
                  {problems.map(([path, message]) => (
                    <UnorderedListItem key={path}>
                      <a className="utrecht-link" href={`#antwoord-${path}`}>
                        {message}
                      </a>
                    </UnorderedListItem>
                  ))}
                </UnorderedList>
              )}
            </Alert>
          </div>
        )}
        <fieldset className="utrecht-form-fieldset" id="antwoord-decision" tabIndex={-1} aria-describedby={errors.decision ? 'antwoord-decision-fout' : undefined}>
          <legend className="utrecht-form-fieldset__legend">Uw antwoord</legend>
          {errors.decision && <FormFieldErrorMessage id="antwoord-decision-fout">{errors.decision}</FormFieldErrorMessage>}
          <FormField type="radio">
            <RadioButton id="antwoord-eens" name="decision" value="agree" checked={decision === 'agree'} onChange={() => setDecision('agree')} />
            <FormLabel htmlFor="antwoord-eens" type="radio">
              Ja, ik ben het eens
            </FormLabel>
          </FormField>
          <FormField type="radio">
            <RadioButton id="antwoord-oneens" name="decision" value="disagree" checked={decision === 'disagree'} onChange={() => setDecision('disagree')} />
            <FormLabel htmlFor="antwoord-oneens" type="radio">
              Nee, ik ben het niet eens
            </FormLabel>
          </FormField>
        </fieldset>
        <FormField
          invalid={!!errors.comment}
          label={<FormLabel htmlFor="antwoord-comment">{decision === 'disagree' ? 'Waarmee bent u het niet eens?' : 'Opmerking (mag leeg blijven)'}</FormLabel>}
          description={
            <FormFieldDescription id="antwoord-comment-uitleg">
              {decision === 'disagree' ? 'Schrijf kort op wat u anders wilt. De school leest dit voor het gesprek.' : 'Wilt u de school iets laten weten? Schrijf het hier.'}
            </FormFieldDescription>
          }
          input={
            <>
              {errors.comment && <FormFieldErrorMessage id="antwoord-comment-fout">{errors.comment}</FormFieldErrorMessage>}
              <Textarea
                id="antwoord-comment"
                name="comment"
                rows={4}
                value={comment}
                onChange={(e) => setComment(e.target.value)}
                invalid={!!errors.comment}
                aria-invalid={errors.comment ? true : undefined}
                aria-describedby={['antwoord-comment-uitleg', errors.comment ? 'antwoord-comment-fout' : null].filter(Boolean).join(' ')}
              />
            </>
          }
        />
        <div>
          <PrimaryActionButton type="submit" disabled={sending} busy={sending}>
            Verstuur mijn antwoord
          </PrimaryActionButton>
        </div>
      </form>
    </section>
  );
}

/** After answering (now or earlier): what happens next, and after a no, where to go. */
export function Answered({ plan }: { plan: ParentPlanData }) {
  const a = plan.answer;
  if (!a) return null;
  const when = dateTime(a.at);
  if (a.decision === 'disagree' || plan.status === 'disagreed') {
    return (
      <section aria-labelledby="klaar-titel">
        <Heading2 id="klaar-titel" tabIndex={-1}>Uw antwoord</Heading2>
        <Alert type="info" role="status">
          <Paragraph>
            {a.decision === 'disagree'
              ? `U heeft op ${when} gezegd dat u het niet eens bent met het plan.`
              : `U was het eens met het plan (${when}). Iemand anders die moet tekenen is het niet eens.`}{' '}
            Het plan geldt daarom nu niet. De school neemt contact met u op voor een gesprek.
          </Paragraph>
        </Alert>
        {a.comment && (
          <>
            <Heading3>Wat u schreef</Heading3>
            <Text>{a.comment}</Text>
          </>
        )}
        <Routes plan={plan} heading />
      </section>
    );
  }
  return (
    <section aria-labelledby="klaar-titel">
      <Heading2 id="klaar-titel" tabIndex={-1}>Uw antwoord</Heading2>
      <Alert type="ok" role="status">
        <Paragraph>
          Bedankt. U heeft op {when} gezegd dat u het eens bent met het plan.{' '}
          {plan.status === 'agreed' ? 'Het plan geldt nu.' : 'Het plan geldt pas als ook de ander die moet tekenen het eens is.'}
        </Paragraph>
      </Alert>
    </section>
  );
}

import { Alert, Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { RadioGroup, TextAreaField } from '../../../web/forms.tsx';
import { Form, useForm } from '../../../web/use-form.tsx';
import { dateTimeInWords } from '../../../web/ui.tsx';
import { ParentRespondInput } from '../parent-schema.ts';
import { Routes, Text, type ParentPlanData } from './parent-plan.tsx';

/** The answer: agree, or disagree with a reason. The comment is required only for a no (the server checks it too). */
export function AnswerForm({ plan, send }: { plan: ParentPlanData; send: (input: { decision: 'agree' | 'disagree'; comment: string }) => Promise<void> }) {
  const [decision, setDecision] = useState<'' | 'agree' | 'disagree'>('');
  const [comment, setComment] = useState('');
  const form = useForm(ParentRespondInput, send, { failMessage: 'Dat is niet gelukt. Probeer het opnieuw.' });
  const you = plan.signer === 'pupil' ? 'je' : 'u';
  return (
    <section aria-labelledby="antwoord-titel" className="lr-parent-answer">
      <Heading2 id="antwoord-titel">Bent u het eens met de afspraken over de ondersteuning?</Heading2>
      <Paragraph>
        {plan.signer === 'pupil'
          ? 'Je bent 16 jaar of ouder. Daarom mag je zelf zeggen of je het eens bent met het plan.'
          : 'U mag zeggen of u het eens bent met wat de school gaat doen. Dat is uw recht.'}{' '}
        Het plan geldt pas als iedereen die moet tekenen het eens is. Bent {you} het niet eens? Dan praat de school met {you} over een oplossing.
      </Paragraph>
      <Form form={form} onSubmit={() => form.submit({ decision: decision || undefined, comment })} submit={{ label: 'Verstuur mijn antwoord' }}>
        <RadioGroup
          name="decision"
          legend="Uw antwoord"
          value={decision}
          onChange={(v) => setDecision(v as 'agree' | 'disagree')}
          options={[
            { value: 'agree', label: 'Ja, ik ben het eens' },
            { value: 'disagree', label: 'Nee, ik ben het niet eens' },
          ]}
        />
        <TextAreaField
          name="comment"
          label={decision === 'disagree' ? 'Waarmee bent u het niet eens?' : 'Opmerking (mag leeg blijven)'}
          description={decision === 'disagree' ? 'Schrijf kort op wat u anders wilt. De school leest dit voor het gesprek.' : 'Wilt u de school iets laten weten? Schrijf het hier.'}
          rows={4}
          value={comment}
          onChange={setComment}
        />
      </Form>
    </section>
  );
}

/** After answering (now or earlier): what happens next, and after a no, where to go. */
export function Answered({ plan }: { plan: ParentPlanData }) {
  const a = plan.answer;
  if (!a) return null;
  const when = dateTimeInWords(a.at);
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

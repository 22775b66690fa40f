import { Link, Paragraph } from '@utrecht/component-library-react';
import { useState } from 'react';
import { Form, useForm } from '../../../web/use-form.tsx';
import { Disclosure, SelectField, TextAreaField } from '../../../web/forms.tsx';
import { day } from '../../../web/ui.tsx';
import { attachmentTypeLabels, SupplementInput } from '../schema.ts';
import { DossierChecklist, HealthBadge } from './request-dossier.tsx';
import { ReqSection, unsentOf, useSendTo, type RequestData } from './request-kit.tsx';

const NO_QUESTION = 'geen';

/**
 * "Stukken nasturen": after submission the school adds items from the
 * dossier (often what an addition asked for), gets the consent they need
 * (under Toestemming) and sends them, with the answer to the question if
 * there is one. The partnership sees them only once sent.
 */
export function SupplementSection({ r, onFlash }: { r: RequestData; onFlash: (m: string) => void }) {
  const sendTo = useSendTo(r.id);
  const unsent = unsentOf(r);
  const questions = r.messages.filter((m) => m.kind === 'addition_request' && !m.answeredAt);
  const [picking, setPicking] = useState(false);
  const [body, setBody] = useState('');
  const [answers, setAnswers] = useState<string>(questions[0]?.id ?? NO_QUESTION);
  const form = useForm(SupplementInput, sendTo('supplements'), { prefix: 'nasturen' });
  if (!r.can.supplement || !r.pupil) return null;
  const answersId = questions.some((q) => q.id === answers) ? answers : null;

  async function send() {
    const ok = await form.submit({ body, answersId });
    if (ok) {
      setBody('');
      onFlash(answersId ? 'De stukken en uw antwoord zijn verstuurd. De termijn van het samenwerkingsverband loopt weer.' : 'De stukken zijn nagestuurd.');
    }
  }

  return (
    <ReqSection
      id="nasturen"
      title="Stukken nasturen"
      intro="Vraagt het samenwerkingsverband om een stuk, of is er iets nieuws? Kies het uit het dossier en stuur het na. Het samenwerkingsverband ziet het pas als u het verstuurt."
    >
      <Disclosure id="nasturen-dossier" label="Kies uit het dossier" open={picking} onOpenChange={setPicking}>
        {/* Loaded when opened: reading the dossier is audited. */}
        {picking && <DossierChecklist r={r} onFlash={onFlash} />}
      </Disclosure>
      {unsent.length > 0 && (
        <Form
          form={form}
          aria-label="Stukken nasturen"
          onSubmit={send}
          labels={{ 'nasturen.body': 'Toelichting' }}
          intro={
            <>
              <Paragraph>Klaar om na te sturen:</Paragraph>
              <ul className="lr-req-list" data-testid="klaar-om-na-te-sturen">
                {unsent.map((a) => (
                  <li key={a.id}>
                    <strong>{attachmentTypeLabels[a.itemType]}</strong>: {a.label} <span className="lr-muted">({day(a.itemDate)})</span> {a.health && <HealthBadge />}
                  </li>
                ))}
              </ul>
              {r.missing.length > 0 && (
                <div className="lr-req-missing" data-testid="nasturen-ontbreekt">
                  <Paragraph>Eerst nog nodig:</Paragraph>
                  <ul>
                    {r.missing.map((m) => (
                      <li key={m.message}>
                        {m.message} <Link href="#toestemming">Naar toestemming</Link>
                      </li>
                    ))}
                  </ul>
                </div>
              )}
            </>
          }
          submit={{ label: unsent.length === 1 ? 'Stuk nasturen' : `${unsent.length} stukken nasturen` }}
          disabledReason={r.missing.length > 0 ? 'Nasturen kan zodra alles hierboven in orde is.' : null}
        >
          {questions.length > 0 && (
            <SelectField
              name="nasturen.answersId"
              label="Is dit het antwoord op een vraag om aanvulling?"
              value={answers}
              onChange={setAnswers}
              options={[...questions.map((q) => ({ value: q.id, label: `Ja: “${q.body.length > 80 ? `${q.body.slice(0, 80)}…` : q.body}”` })), { value: NO_QUESTION, label: 'Nee, ik stuur alleen stukken na' }]}
            />
          )}
          <TextAreaField
            name="nasturen.body"
            label="Toelichting (mag leeg blijven)"
            description="Leeg: het bericht noemt alleen de stukken."
            rows={3}
            value={body}
            onChange={setBody}
          />
        </Form>
      )}
    </ReqSection>
  );
}

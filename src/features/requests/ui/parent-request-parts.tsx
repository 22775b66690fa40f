import { Alert, FormField, FormLabel, Heading2, Heading3, Paragraph, RadioButton, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { useState } from 'react';
import type { Json } from '../../../web/api.ts';
import { CheckboxField, fieldId, TextAreaField } from '../../../web/forms.tsx';
import { dateTime, day } from '../../../web/ui.tsx';
import { HEALTH_ITEM_TEXT, ParentConsentInput, parentSchoolKindLabels, type ParentRequest } from '../parent-schema.ts';
import { fundingCategoryLabels, outcomeLabels } from '../schema.ts';
import { Form, useForm } from '../../../web/use-form.tsx';

export type ParentRequestData = Json<ParentRequest>;

/** Plain text with the writer's line breaks kept. */
export function Text({ children }: { children: string }) {
  return <Paragraph style={{ whiteSpace: 'pre-line' }}>{children}</Paragraph>;
}

/** The items the school sends along, with health data marked: they need the parent's explicit yes. */
export function Attachments({ data }: { data: ParentRequestData }) {
  return (
    <section aria-labelledby="stukken-titel">
      <Heading2 id="stukken-titel">{data.supplement ? 'Wat wil de school nasturen?' : 'Wat stuurt de school mee?'}</Heading2>
      {data.attachments.length === 0 ? (
        <Paragraph>De school stuurt (nog) geen stukken mee.</Paragraph>
      ) : (
        <>
          <Paragraph>
            {data.supplement
              ? 'De school heeft de aanvraag al gestuurd en wil deze stukken uit het dossier nog nasturen.'
              : data.status === 'draft'
                ? 'De school wil deze stukken uit het dossier meesturen.'
                : 'Bij de aanvraag horen deze stukken uit het dossier.'}{' '}
            U kent ze van de school. Heeft
            u een stuk niet gezien? Vraag het dan aan de school.
          </Paragraph>
          <UnorderedList>
            {data.attachments.map((a) => (
              <UnorderedListItem key={a.id}>
                {a.label} ({day(a.itemDate)}){a.health && <strong> — {HEALTH_ITEM_TEXT}</strong>}
              </UnorderedListItem>
            ))}
          </UnorderedList>
        </>
      )}
    </section>
  );
}

/**
 * The consent: one answer for the request and, for a yes, the items that
 * may go along. Ordinary items are ticked, health items are not: the law
 * asks an explicit yes for those (AVG art. 9).
 */
export function ConsentForm({ data, send }: { data: ParentRequestData; send: (input: ParentConsentInput) => Promise<void> }) {
  const [decision, setDecision] = useState<'' | 'given' | 'refused'>('');
  const [ticked, setTicked] = useState<Set<string>>(() => new Set(data.attachments.filter((a) => !a.health).map((a) => a.id)));
  const [comment, setComment] = useState('');
  const form = useForm(ParentConsentInput, send);
  const tick = (id: string, on: boolean) =>
    setTicked((old) => {
      const next = new Set(old);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const you = data.signer === 'pupil' ? 'je' : 'u';

  return (
    <section aria-labelledby="toestemming-titel" className="lr-parent-answer">
      <Heading2 id="toestemming-titel">Geeft {you} toestemming?</Heading2>
      <Paragraph>
        De school mag {data.supplement ? 'deze stukken' : 'de aanvraag'} alleen met {data.signer === 'pupil' ? 'jouw' : 'uw'} toestemming sturen.{' '}
        {data.signer === 'pupil' ? 'Je bent' : 'U bent'} niet verplicht om
        toestemming te geven. Twijfelt {you}? Praat er dan eerst over met de school.
      </Paragraph>
      <Form
        form={form}
        onSubmit={() => form.submit({ decision: decision || undefined, attachmentIds: decision === 'given' ? data.attachments.filter((a) => ticked.has(a.id)).map((a) => a.id) : [], comment })}
        submit={{ label: 'Verstuur mijn antwoord' }}
      >
        <fieldset className="utrecht-form-fieldset" id={fieldId('decision')} tabIndex={-1}>
          <legend className="utrecht-form-fieldset__legend">{data.signer === 'pupil' ? 'Jouw antwoord' : 'Uw antwoord'}</legend>
          <FormField type="radio">
            <RadioButton id="toestemming-ja" name="decision" value="given" checked={decision === 'given'} onChange={() => setDecision('given')} />
            <FormLabel htmlFor="toestemming-ja" type="radio">
              Ik geef toestemming
            </FormLabel>
          </FormField>
          <FormField type="radio">
            <RadioButton id="toestemming-nee" name="decision" value="refused" checked={decision === 'refused'} onChange={() => setDecision('refused')} />
            <FormLabel htmlFor="toestemming-nee" type="radio">
              Ik geef geen toestemming
            </FormLabel>
          </FormField>
        </fieldset>
        {decision === 'given' && data.attachments.length > 0 && (
          <fieldset className="utrecht-form-fieldset" id={fieldId('attachmentIds')} tabIndex={-1}>
            <legend className="utrecht-form-fieldset__legend">Welke stukken mag de school {data.supplement ? 'nasturen' : 'meesturen'}?</legend>
            <Paragraph>Haal het vinkje weg bij een stuk dat niet mee mag. Medische of gezondheidsgegevens gaan alleen mee als {you} ze zelf aanvinkt.</Paragraph>
            {data.attachments.map((a) => (
              <CheckboxField
                key={a.id}
                name={`stuk-${a.id}`}
                checked={ticked.has(a.id)}
                onChange={(on) => tick(a.id, on)}
                label={
                  <>
                    {a.label} ({day(a.itemDate)}){a.health && <strong> — {HEALTH_ITEM_TEXT}</strong>}
                  </>
                }
              />
            ))}
          </fieldset>
        )}
        <TextAreaField
          name="comment"
          label="Opmerking (mag leeg blijven)"
          description="Wilt u de school iets laten weten? Schrijf het hier."
          value={comment}
          onChange={setComment}
        />
      </Form>
    </section>
  );
}

/** This link's answer, given now or earlier. */
export function Consented({ data }: { data: ParentRequestData }) {
  const c = data.consent;
  if (!c) return null;
  const items = data.attachments.filter((a) => c.attachmentIds.includes(a.id));
  return (
    <section aria-labelledby="klaar-titel">
      <Heading2 id="klaar-titel" tabIndex={-1}>
        {data.signer === 'pupil' ? 'Jouw antwoord' : 'Uw antwoord'}
      </Heading2>
      <Alert type={c.decision === 'given' ? 'ok' : 'info'} role="status">
        <Paragraph>
          {data.signer === 'pupil'
            ? c.decision === 'given'
              ? `Bedankt. Je hebt op ${dateTime(c.at)} toestemming gegeven voor de aanvraag.`
              : `Je hebt op ${dateTime(c.at)} gezegd dat je geen toestemming geeft. De school stuurt de aanvraag zo niet op. De school neemt contact met je op.`
            : c.decision === 'given'
              ? `Bedankt. U heeft op ${dateTime(c.at)} toestemming gegeven voor de aanvraag.`
              : `U heeft op ${dateTime(c.at)} gezegd dat u geen toestemming geeft. De school stuurt de aanvraag zo niet op. De school neemt contact met u op.`}
        </Paragraph>
      </Alert>
      {c.decision === 'given' && (
        <>
          <Heading3>Deze stukken mogen mee</Heading3>
          {items.length ? (
            <UnorderedList>
              {items.map((a) => (
                <UnorderedListItem key={a.id}>{a.label}</UnorderedListItem>
              ))}
            </UnorderedList>
          ) : (
            <Paragraph>Geen stukken: alleen de aanvraag zelf.</Paragraph>
          )}
        </>
      )}
      {c.comment && (
        <>
          <Heading3>{data.signer === 'pupil' ? 'Wat je schreef' : 'Wat u schreef'}</Heading3>
          <Text>{c.comment}</Text>
        </>
      )}
    </section>
  );
}

/** The decision in plain words, with the way to object. */
export function DecisionSection({ data }: { data: ParentRequestData }) {
  const d = data.decision;
  if (!d) return null;
  return (
    <section aria-labelledby="besluit-titel">
      <Heading2 id="besluit-titel">Het besluit</Heading2>
      <Alert type={d.outcome === 'refused' ? 'warning' : 'ok'} role="status">
        <Paragraph>
          <strong>{outcomeLabels[d.outcome]}.</strong> Het samenwerkingsverband heeft dit besloten op {day(d.decidedOn)}.
        </Paragraph>
      </Alert>
      <Paragraph>
        <a className="utrecht-link" href="/api/parent/request/decision.pdf" data-testid="besluit-pdf">
          Download de besluitbrief (pdf)
        </a>
      </Paragraph>
      <Heading3>Waarom</Heading3>
      <Text>{d.motivation}</Text>
      {(d.startsOn || d.endsOn) && (
        <Paragraph>
          Het besluit geldt {d.startsOn ? `van ${day(d.startsOn)} ` : ''}
          {d.endsOn ? `tot en met ${day(d.endsOn)}` : ''}.
        </Paragraph>
      )}
      {data.kind === 'tlv' && d.outcome !== 'refused' && (
        <UnorderedList>
          {d.schoolKind && <UnorderedListItem>Soort school: {parentSchoolKindLabels[d.schoolKind]}</UnorderedListItem>}
          {d.category && <UnorderedListItem>Categorie (hoeveel extra geld de school krijgt): {fundingCategoryLabels[d.category as 1 | 2 | 3]}</UnorderedListItem>}
        </UnorderedList>
      )}
      {data.objection && (
        <>
          <Heading3>Bent u het niet eens met het besluit?</Heading3>
          <Paragraph>
            U kunt binnen {data.objection.weeks} weken bezwaar maken bij {data.objection.committee}. Schrijf in uw bezwaar waarom u het niet eens bent. De school of het
            samenwerkingsverband helpt u als u vragen heeft.
          </Paragraph>
        </>
      )}
    </section>
  );
}

import { Alert, FormField, FormLabel, Heading2, Heading3, Paragraph, RadioButton, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import { useState } from 'react';
import { ApiError, type Json } from '../../../web/api.ts';
import { CheckboxField, fieldId, TextAreaField } from '../../../web/forms.tsx';
import { dateTimeInWords, dayInWords } from '../../../web/ui.tsx';
import { HEALTH_ITEM_TEXT, ParentConsentInput, parentSchoolKindLabels, type ParentItem, type ParentRequest } from '../parent-schema.ts';
import { fundingCategoryLabels, outcomeLabels } from '../schema.ts';
import { Form, useForm } from '../../../web/use-form.tsx';
import './requests.css';

export type ParentRequestData = Json<ParentRequest>;

/** Plain text with the writer's line breaks kept. */
export function Text({ children }: { children: string }) {
  return <Paragraph style={{ whiteSpace: 'pre-line' }}>{children}</Paragraph>;
}

/** The items the school sends along, with health data marked: they need the parent's explicit yes. */
export function Attachments({ data, reader }: { data: ParentRequestData; reader?: Reader }) {
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
            Open een stuk om te lezen wat erin staat. Heeft
            {data.signer === 'pupil' ? ' je' : ' u'} een vraag over een stuk? Vraag het dan aan de school.
          </Paragraph>
          <UnorderedList>
            {data.attachments.map((a) => (
              <UnorderedListItem key={a.id}>
                {a.description}
                {a.health && <strong> — {HEALTH_ITEM_TEXT}</strong>}
                {reader && <ItemReader id={a.id} reader={reader} />}
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
 * may go along. Nothing is ticked before the parent ticks it (informed
 * consent, AVG art. 7; health items need an explicit yes, art. 9), and each
 * item can be read first.
 */
export function ConsentForm({ data, send, reader }: { data: ParentRequestData; send: (input: ParentConsentInput) => Promise<void>; reader: Reader }) {
  const [decision, setDecision] = useState<'' | 'given' | 'refused'>('');
  const [ticked, setTicked] = useState<Set<string>>(() => new Set());
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
            <Paragraph>Vink elk stuk aan dat mee mag. Een stuk zonder vinkje gaat niet mee. Lees een stuk eerst als {you} wilt weten wat erin staat.</Paragraph>
            {data.attachments.map((a) => (
              <div key={a.id} className="lr-consent-item">
                <CheckboxField
                  name={`stuk-${a.id}`}
                  checked={ticked.has(a.id)}
                  onChange={(on) => tick(a.id, on)}
                  label={
                    <>
                      {a.description}
                      {a.health && <strong> — {HEALTH_ITEM_TEXT}</strong>}
                    </>
                  }
                />
                <ItemReader id={a.id} reader={reader} />
              </div>
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
              ? `Bedankt. Je hebt op ${dateTimeInWords(c.at)} toestemming gegeven voor de aanvraag.`
              : `Je hebt op ${dateTimeInWords(c.at)} gezegd dat je geen toestemming geeft. De school stuurt de aanvraag zo niet op. De school neemt contact met je op.`
            : c.decision === 'given'
              ? `Bedankt. U heeft op ${dateTimeInWords(c.at)} toestemming gegeven voor de aanvraag.`
              : `U heeft op ${dateTimeInWords(c.at)} gezegd dat u geen toestemming geeft. De school stuurt de aanvraag zo niet op. De school neemt contact met u op.`}
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
          <strong>{outcomeLabels[d.outcome]}.</strong> Het samenwerkingsverband heeft dit besloten op {dayInWords(d.decidedOn)}.
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
          Het besluit geldt {d.startsOn ? `van ${dayInWords(d.startsOn)} ` : ''}
          {d.endsOn ? `tot en met ${dayInWords(d.endsOn)}` : ''}.
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

/** Reads an item of the link and gives a file's address (the parent's session). */
export interface Reader {
  read: <R>(path: string) => Promise<R>;
  href: (path: string) => string;
}

/** "Lees dit stuk": opens the item in place, read on demand (each opening is logged for the school's privacy officer). */
function ItemReader({ id, reader }: { id: string; reader: Reader }) {
  const [open, setOpen] = useState(false);
  const [item, setItem] = useState<Json<ParentItem> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const panel = `stuk-inhoud-${id}`;
  const toggle = async () => {
    const next = !open;
    setOpen(next);
    if (next && !item) {
      try {
        setError(null);
        setItem(await reader.read<Json<ParentItem>>(`/items/${id}`));
      } catch (e) {
        setError(e instanceof ApiError ? e.message : 'Het stuk kon niet worden geopend. Probeer het opnieuw.');
      }
    }
  };
  return (
    <div className="lr-consent-reader">
      <button type="button" className="utrecht-button utrecht-button--subtle" aria-expanded={open} aria-controls={panel} onClick={() => void toggle()}>
        {open ? 'Stuk sluiten' : 'Lees dit stuk'}
      </button>
      <div id={panel} hidden={!open} className="lr-consent-reader__panel">
        {error && <Paragraph role="alert">{error}</Paragraph>}
        {open && !item && !error && <Paragraph role="status">Het stuk wordt geopend…</Paragraph>}
        {item && (
          <>
            {item.parts.map((p) => (
              <div key={p.heading}>
                <Heading3>{p.heading}</Heading3>
                <Text>{p.text}</Text>
              </div>
            ))}
            {item.file && (
              <Paragraph>
                <a href={reader.href(`/items/${id}/file`)} target="_blank" rel="noreferrer">
                  Open het bestand {item.file.name}
                </a>
              </Paragraph>
            )}
          </>
        )}
      </div>
    </div>
  );
}

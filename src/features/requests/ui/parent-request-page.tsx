import { Heading2, Heading3, Paragraph } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { ParentGate, StepTitle } from '../../parent-access/ui/parent-shell.tsx';
import { dayInWords } from '../../../web/ui.tsx';
import { parentKindTexts, parentSchoolKindLabels, parentStatusTexts, WAITING_FOR_SCHOOL_TEXT, type ParentConsentInput } from '../parent-schema.ts';
import { requestKindLabels } from '../schema.ts';
import { Attachments, Consented, ConsentForm, DecisionSection, Text, type ParentRequestData, type Reader } from './parent-request-parts.tsx';

/**
 * /ouders/aanvraag: the page behind the link in the school's mail about a
 * request to the partnership (TLV, arrangement, OPDC place, consultation).
 * The parent (or the pupil from 16) reads what the school asks, gives or
 * refuses consent while the school composes it, and follows it to the
 * decision. Language level B1: short sentences, plain words first.
 */
export function ParentRequestPage() {
  return (
    <ParentGate<ParentRequestData>
      kind="request"
      title="De aanvraag van school"
      intro={
        <Paragraph lead>
          De school wil hulp vragen aan het samenwerkingsverband. Het samenwerkingsverband is de organisatie van alle scholen in de regio die samen zorgen voor extra
          hulp. Hier leest u wat de school vraagt, en kunt u zeggen of u toestemming geeft.
        </Paragraph>
      }
      readAgain="Wilt u de aanvraag nog een keer lezen? Open dan de link uit de e-mail opnieuw."
    >
      {(step) => (
        <RequestStep
          data={step.data}
          focus={step.focus}
          problem={step.problem}
          reader={{ read: step.read, href: step.href }}
          onConsent={async (input) => {
            await step.send('/consent', input);
            // The form is gone: the answer's confirmation takes the focus.
            window.setTimeout(() => document.getElementById('klaar-titel')?.focus(), 0);
          }}
        />
      )}
    </ParentGate>
  );
}

function RequestStep({
  data,
  focus,
  problem,
  onConsent,
  reader,
}: {
  data: ParentRequestData;
  focus: boolean;
  problem: ReactNode;
  onConsent: (input: ParentConsentInput) => Promise<void>;
  reader: Reader;
}) {
  const title = data.signer === 'pupil' ? 'Jouw aanvraag' : `De aanvraag voor ${data.pupil.firstName}`;
  return (
    <>
      <StepTitle title={title} focus={focus} />
      <Paragraph lead>
        {data.school.name} vraagt: {requestKindLabels[data.kind]}.
      </Paragraph>
      <Paragraph>Deze link werkt tot {dayInWords(data.linkExpiresAt.slice(0, 10))}. Met deze link kunt u ook later zien hoe het met de aanvraag gaat.</Paragraph>
      {problem}

      <section aria-labelledby="stand-titel">
        <Heading2 id="stand-titel">Waar staat de aanvraag?</Heading2>
        <Paragraph>{parentStatusTexts[data.status]}</Paragraph>
        {data.waitingForSchool && <Paragraph>{WAITING_FOR_SCHOOL_TEXT}</Paragraph>}
      </section>

      <DecisionSection data={data} />
      <Consented data={data} />

      <section aria-labelledby="vraag-titel">
        <Heading2 id="vraag-titel">Wat vraagt de school?</Heading2>
        <Paragraph>{parentKindTexts[data.kind]}</Paragraph>
        {data.kind === 'tlv' && data.tlvSchoolKind && <Paragraph>De school vraagt een TLV voor het {parentSchoolKindLabels[data.tlvSchoolKind]}.</Paragraph>}
        <Heading3>De vraag van de school</Heading3>
        {data.question ? <Text>{data.question}</Text> : <Paragraph>De school heeft de vraag nog niet opgeschreven.</Paragraph>}
        {data.expectation && (
          <>
            <Heading3>Wat de school verwacht</Heading3>
            <Text>{data.expectation}</Text>
          </>
        )}
        {data.kind === 'opdc' && data.returnGoal && (
          <>
            <Heading3>Terug naar de eigen school</Heading3>
            <Paragraph>
              De plek in het OPDC is tijdelijk. {data.signer === 'pupil' ? 'Je blijft' : 'Uw kind blijft'} ingeschreven op de eigen school. Dit wil de school bereiken voor de terugkeer:
            </Paragraph>
            <Text>{data.returnGoal}</Text>
          </>
        )}
      </section>

      {/* While consent is asked, the items are opened in the form below; afterwards in this list. */}
      <Attachments data={data} reader={data.canConsent ? undefined : reader} />
      {data.canConsent && <ConsentForm data={data} send={onConsent} reader={reader} />}

      <section aria-labelledby="contact-titel">
        <Heading2 id="contact-titel">Vragen?</Heading2>
        <Paragraph>
          Uw contactpersoon op school is <strong>{data.contact.name}</strong>
          {data.contact.isCaseManager ? `, de casemanager van ${data.pupil.firstName}` : ''}. Heeft u een vraag over de aanvraag? Neem dan contact op
          {data.contact.email ? (
            <>
              {' '}
              via <a className="utrecht-link" href={`mailto:${data.contact.email}`}>{data.contact.email}</a>.
            </>
          ) : (
            ' met de school.'
          )}
        </Paragraph>
      </section>
    </>
  );
}

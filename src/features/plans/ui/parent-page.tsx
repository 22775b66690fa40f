import { Alert, Paragraph } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import { ParentGate, StepTitle } from '../../parent-access/ui/parent-shell.tsx';
import { dateTimeInWords, dayInWords } from '../../../web/ui.tsx';
import type { ParentRespondInput } from '../parent-schema.ts';
import { AnswerForm, Answered } from './parent-answer.tsx';
import { Contact, Summary, WholePlan, type ParentPlanData } from './parent-plan.tsx';

/**
 * /ouders/opp: the page behind the link in the school's mail about a plan.
 * The way in (code, session, sign-out) and the page frame are the parent
 * shell's (parent-access/ui/parent-shell.tsx), as for a request; what is the OPP's own:
 * reading the plan and answering it.
 */
const whatIsAnOpp =
  'De school heeft een plan gemaakt voor extra hulp op school. Dit plan heet een OPP (ontwikkelingsperspectiefplan). Er staat in wat uw kind nodig heeft en wat de school gaat doen.';

export function ParentPlanPage() {
  return (
    <ParentGate<ParentPlanData>
      kind="opp"
      title="Het plan van school"
      intro={<Paragraph lead>{whatIsAnOpp}</Paragraph>}
      afterCode="Daarna kunt u het plan lezen."
      readAgain="Wilt u het plan nog een keer lezen? Open dan de link uit de e-mail opnieuw."
    >
      {(step) => (
        <PlanStep
          plan={step.data}
          focus={step.focus}
          problem={step.problem}
          onAnswer={async (input) => {
            await step.send('/respond', input);
            // The form is gone: the answer's confirmation takes the focus.
            window.setTimeout(() => document.getElementById('klaar-titel')?.focus(), 0);
          }}
        />
      )}
    </ParentGate>
  );
}

function PlanStep({
  plan,
  focus,
  problem,
  onAnswer,
}: {
  plan: ParentPlanData;
  focus: boolean;
  problem: ReactNode;
  onAnswer: (input: ParentRespondInput) => Promise<void>;
}) {
  const title = plan.signer === 'pupil' ? 'Jouw plan' : `Het plan voor ${plan.pupil.firstName}`;
  const waiting = plan.version.status === 'with_parents';
  return (
    <>
      <StepTitle title={title} focus={focus} />
      <Paragraph lead>
        {plan.school.name}. {plan.kind === 'light' ? 'Een kort plan voor extra hulp die niet lang duurt (OPP light).' : 'Dit plan heet een OPP: het plan voor extra hulp op school.'}
      </Paragraph>
      <Paragraph>
        Versie {plan.version.number}
        {plan.version.sentAt ? `, gestuurd op ${dateTimeInWords(plan.version.sentAt)}` : ''}. Deze link werkt tot {dayInWords(plan.linkExpiresAt.slice(0, 10))}.
      </Paragraph>
      {problem}
      {!waiting && !plan.answer && (
        <Alert type="info" role="status">
          <Paragraph>
            {plan.version.status === 'agreed'
              ? 'Dit plan is al goedgekeurd. U hoeft niets meer te doen.'
              : plan.version.status === 'disagreed'
                ? 'Iemand die moet tekenen is het niet eens met dit plan. Het plan geldt nu niet. De school neemt contact met u op.'
                : 'Dit plan wacht niet meer op uw antwoord. Misschien is er een nieuwe versie. Neem contact op met de school als u vragen heeft.'}
          </Paragraph>
        </Alert>
      )}
      <Answered plan={plan} />
      <Summary plan={plan} />
      <Contact plan={plan} />
      <WholePlan plan={plan} />
      {plan.canRespond && <AnswerForm plan={plan} send={onAnswer} />}
    </>
  );
}

import { parentKindTexts } from '../requests/parent-schema.ts';
import type { RequestKind } from '../requests/schema.ts';
import { CODE_VALID_MINUTES, LINK_DAYS } from './limits.ts';
import type { SubjectKind } from './schema.ts';

/**
 * Every mail a parent (or the pupil, from 16) gets from Leerrecht, in one
 * place: they are read together, at language level B1 (short sentences,
 * plain words first, the official word after it), and say the same things
 * the same way: who writes, what the link opens, that a code comes first,
 * how long the link works, whom to ask.
 */

export interface Mail {
  to: string;
  subject: string;
  text: string;
}

/** Who gets the mail. */
interface To {
  signer: 'parent' | 'pupil';
  name: string;
  email: string;
}

/** What the mail is about: the pupil, the school, and whom to ask (the case manager, when there is one). */
export interface MailFacts {
  firstName: string;
  schoolName: string;
  caseManager: string | null;
}

const whom = (to: Pick<To, 'signer'>, firstName: string) => (to.signer === 'pupil' ? 'jou' : firstName);
const contactLine = (facts: MailFacts) =>
  facts.caseManager ? `Vragen? Neem contact op met ${facts.caseManager}, de casemanager.` : 'Vragen? Neem contact op met de school.';

/**
 * The mail with a code. It says where to type it and what nobody reads
 * without it; the school signs it.
 */
export function codeMail(kind: SubjectKind, to: To, about: { pupilFirstName: string; schoolName: string }, code: string): Omit<Mail, 'to'> {
  const { page, what } =
    kind === 'opp'
      ? { page: `de pagina van het plan van ${about.pupilFirstName}`, what: 'het plan' }
      : { page: `de pagina van de aanvraag voor ${whom(to, about.pupilFirstName)}`, what: 'de aanvraag' };
  return {
    subject: `Uw code: ${code}`,
    text:
      `Beste ${to.name},\n\n` +
      `Uw code is: ${code}\n\n` +
      `Vul deze code in op ${page}. De code werkt ${CODE_VALID_MINUTES} minuten en maar één keer.\n\n` +
      `Heeft u geen code gevraagd? Dan hoeft u niets te doen. Niemand kan ${what} lezen zonder deze code.\n\n` +
      `Met vriendelijke groet,\n${about.schoolName}`,
  };
}

/** The school sends an OPP to read and answer. */
export function oppSentMail(to: To, facts: MailFacts, url: string): Mail {
  return {
    to: to.email,
    subject: `Het plan voor ${whom(to, facts.firstName)} van ${facts.schoolName}`,
    text:
      `Beste ${to.name},\n\n${facts.schoolName} heeft een plan gemaakt voor de extra ondersteuning van ${whom(to, facts.firstName)}. ` +
      `Dit plan heet een OPP (ontwikkelingsperspectiefplan).\n\nU kunt het plan lezen via deze link. U krijgt dan een code per e-mail om te laten zien dat u het bent. ` +
      `De link werkt ${LINK_DAYS.opp} dagen.\n\n${url}\n\n` +
      contactLine(facts),
  };
}

/** The school asks consent for a request, or for items it sends after submitting it (supplement). */
export function consentMail(to: To, facts: MailFacts & { kind: RequestKind }, url: string, supplement = false): Mail {
  return {
    to: to.email,
    subject: supplement
      ? `${facts.schoolName} vraagt uw toestemming om stukken na te sturen: aanvraag voor ${whom(to, facts.firstName)}`
      : `${facts.schoolName} vraagt uw toestemming: aanvraag voor ${whom(to, facts.firstName)}`,
    text:
      (supplement
        ? `Beste ${to.name},\n\n${facts.schoolName} heeft het samenwerkingsverband om hulp gevraagd voor ${whom(to, facts.firstName)}. ` +
          `De school wil nu nog een of meer stukken uit het dossier nasturen.\n\n` +
          `Daarvoor vraagt de school uw toestemming. Via deze link leest u welke stukken het zijn. `
        : `Beste ${to.name},\n\n${facts.schoolName} wil hulp vragen aan het samenwerkingsverband voor ${whom(to, facts.firstName)}. ` +
          `Wat de school vraagt: ${parentKindTexts[facts.kind]}\n\n` +
          `Daarvoor vraagt de school uw toestemming. Via deze link leest u wat de school vraagt en welke stukken de school meestuurt. `) +
      `U kunt daar zeggen of u toestemming geeft. U krijgt eerst een code per e-mail om te laten zien dat u het bent.\n\n${url}\n\n` +
      `Met dezelfde link kunt u later zien hoe het met de aanvraag gaat en wat er is besloten. De link werkt ${LINK_DAYS.request} dagen.\n\n` +
      contactLine(facts),
  };
}

/** The partnership decided on a request: a fresh link to read the decision. */
export function decisionMail(to: To, facts: MailFacts, url: string): Mail {
  return {
    to: to.email,
    subject: `Er is een besluit over de aanvraag voor ${whom(to, facts.firstName)}`,
    text:
      `Beste ${to.name},\n\nHet samenwerkingsverband heeft een besluit genomen over de aanvraag van ${facts.schoolName} voor ${whom(to, facts.firstName)}.\n\n` +
      `Via deze link leest u het besluit. U krijgt eerst een code per e-mail om te laten zien dat u het bent. ` +
      `Daar leest u ook wat u kunt doen als u het niet eens bent met het besluit.\n\n${url}\n\n` +
      `De link werkt ${LINK_DAYS.request} dagen.\n\n${contactLine(facts)}`,
  };
}

import {
  Alert,
  FormField,
  FormFieldDescription,
  FormFieldErrorMessage,
  FormLabel,
  Heading2,
  Heading3,
  Paragraph,
  PrimaryActionButton,
  RadioButton,
  Textarea,
  UnorderedList,
  UnorderedListItem,
} from '@utrecht/component-library-react';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../../../web/api.ts';
import { dateTime, day } from '../../../web/ui.tsx';
import { ParentRespondInput, type ParentPlan } from '../parent-schema.ts';
import { aspectLabels, destinationsByKind } from '../schema.ts';

/** What JSON makes of the server's type: instants arrive as ISO strings. */
type Json<T> = T extends Date ? string : T extends (infer U)[] ? Json<U>[] : T extends object ? { [K in keyof T]: Json<T[K]> } : T;
export type ParentPlanData = Json<ParentPlan>;

/**
 * The plan as a parent reads it, at language level B1: short sentences, the
 * plain summary first, the whole plan in sections to open, then the question.
 * A pupil of 16 or older reads the same page with their own link.
 */
const categoryLabels: Record<string, string> = {
  leren: 'Leren',
  gedrag: 'Gedrag',
  sociaal_emotioneel: 'Gevoelens en omgaan met anderen',
  thuis: 'Thuis',
  gezondheid: 'Gezondheid',
  werkhouding: 'Werkhouding',
  taal: 'Taal',
  anders: 'Anders',
};

const destinationLabel = (value: string) =>
  Object.values(destinationsByKind)
    .flat()
    .find((d) => d.value === value)?.label ?? value;

export const summaryParts = [
  { key: 'whatWeSee', title: 'Wat we zien' },
  { key: 'whatWeAim', title: 'Wat we willen bereiken' },
  { key: 'whatSchoolDoes', title: 'Wat de school doet' },
  { key: 'whatWeAsk', title: 'Wat we van u vragen' },
  { key: 'nextTalk', title: 'Wanneer we weer praten' },
] as const;

/** Plain text with the writer's line breaks kept. */
function Text({ children }: { children: string }) {
  return <Paragraph style={{ whiteSpace: 'pre-line' }}>{children}</Paragraph>;
}

/** A part of the whole plan that opens and closes (native <details>: keyboard and screen readers know it). */
function Part({ title, children }: { title: string; children: ReactNode }) {
  return (
    <details className="lr-parent-part" style={{ borderBlockEnd: '1px solid #c5c5c5', paddingBlock: '0.5rem' }}>
      <summary style={{ cursor: 'pointer', fontWeight: 600, fontSize: '1.125rem', paddingBlock: '0.25rem' }}>{title}</summary>
      <div style={{ paddingInlineStart: '1rem' }}>{children}</div>
    </details>
  );
}

const nothing = <Paragraph>Hier staat niets in.</Paragraph>;

export function Summary({ plan }: { plan: ParentPlanData }) {
  const s = plan.content.summary;
  return (
    <section aria-labelledby="kort-titel">
      <Heading2 id="kort-titel">Het plan in het kort</Heading2>
      {summaryParts.map((p) => (
        <div key={p.key}>
          <Heading3>{p.title}</Heading3>
          {s[p.key] ? <Text>{s[p.key]}</Text> : <Paragraph>De school heeft dit niet ingevuld. U leest meer in het hele plan hieronder.</Paragraph>}
        </div>
      ))}
    </section>
  );
}

export function Contact({ plan }: { plan: ParentPlanData }) {
  return (
    <section aria-labelledby="contact-titel">
      <Heading2 id="contact-titel">Vragen?</Heading2>
      <Paragraph>
        Uw contactpersoon op school is <strong>{plan.contact.name}</strong>
        {plan.contact.isCaseManager ? ', de casemanager van ' + plan.pupil.firstName : ''}. Heeft u een vraag over het plan? Neem dan contact op.
        {plan.contact.email && (
          <>
            {' '}
            E-mail: <a className="utrecht-link" href={`mailto:${plan.contact.email}`}>{plan.contact.email}</a>
          </>
        )}
      </Paragraph>
    </section>
  );
}

export function WholePlan({ plan }: { plan: ParentPlanData }) {
  const c = plan.content;
  const name = plan.pupil.firstName;
  const supporting = c.factors.filter((f) => f.kind === 'supporting');
  const hindering = c.factors.filter((f) => f.kind === 'hindering');
  return (
    <section aria-labelledby="heel-titel">
      <Heading2 id="heel-titel">Het hele plan</Heading2>
      <Paragraph>Klik op een onderdeel om het te openen.</Paragraph>
      {plan.kind === 'full' && (
        <Part title="Wat we verwachten voor later">
          <Paragraph>Welke school of welk werk past later bij {name}? Dat heet het uitstroomperspectief.</Paragraph>
          {c.perspective.destination ? (
            <Paragraph>
              We verwachten: <strong>{destinationLabel(c.perspective.destination)}</strong>.
            </Paragraph>
          ) : (
            nothing
          )}
          {c.perspective.grounds && (
            <>
              <Heading3>Waarom we dat denken</Heading3>
              <Text>{c.perspective.grounds}</Text>
            </>
          )}
        </Part>
      )}
      <Part title="Wat goed gaat en wat moeilijk is">
        {c.factors.length === 0 && nothing}
        {supporting.length > 0 && (
          <>
            <Heading3>Wat helpt</Heading3>
            <UnorderedList>
              {supporting.map((f, i) => (
                <UnorderedListItem key={i}>
                  {categoryLabels[f.category] ?? f.category}: {f.description}
                </UnorderedListItem>
              ))}
            </UnorderedList>
          </>
        )}
        {hindering.length > 0 && (
          <>
            <Heading3>Wat moeilijk is</Heading3>
            <UnorderedList>
              {hindering.map((f, i) => (
                <UnorderedListItem key={i}>
                  {categoryLabels[f.category] ?? f.category}: {f.description}
                </UnorderedListItem>
              ))}
            </UnorderedList>
          </>
        )}
        {c.facts.length > 0 && (
          <>
            <Heading3>Wat de school heeft gezien</Heading3>
            <UnorderedList>
              {c.facts.map((f) => (
                <UnorderedListItem key={f.sourceId}>
                  {day(f.date)}: {f.text}
                </UnorderedListItem>
              ))}
            </UnorderedList>
          </>
        )}
      </Part>
      <Part title="De doelen">
        {c.goals.length === 0 && nothing}
        {c.goals.map((g, i) => (
          <div key={g.id}>
            <Heading3>Doel {i + 1}</Heading3>
            <Text>{g.what}</Text>
            <Paragraph>
              Hoe zien we dat het lukt? {g.howWeSee}
              <br />
              Wanneer: vóór {day(g.by)}.
            </Paragraph>
          </div>
        ))}
      </Part>
      <Part title="Wat de school doet">
        {c.measures.length === 0 && nothing}
        {c.measures.map((m) => (
          <div key={m.id}>
            <Heading3>{aspectLabels[m.aspect]}</Heading3>
            <Text>{m.description}</Text>
            <Paragraph>
              Wie: {m.who}. Hoeveel: {m.hoursPerWeek} uur per week.
              {m.where ? ` Waar: ${m.where}.` : ''}
            </Paragraph>
          </div>
        ))}
      </Part>
      {c.curriculumDeviations && (
        <Part title="Andere lessen of lesstof">
          <Text>{c.curriculumDeviations}</Text>
        </Part>
      )}
      <Part title="Wanneer we het plan bespreken">
        {c.evaluationDates.length ? (
          <>
            <Paragraph>We kijken samen of het plan werkt op:</Paragraph>
            <UnorderedList>
              {c.evaluationDates.map((d) => (
                <UnorderedListItem key={d}>{day(d)}</UnorderedListItem>
              ))}
            </UnorderedList>
          </>
        ) : (
          nothing
        )}
      </Part>
      {c.pupilView && (
        <Part title={plan.signer === 'pupil' ? 'Wat jij zelf vindt' : `Wat ${name} zelf vindt`}>
          <Text>{c.pupilView}</Text>
        </Part>
      )}
      {c.handelingsadviezen.length > 0 && (
        <Part title="Tips voor de leraren">
          <UnorderedList>
            {c.handelingsadviezen.map((a, i) => (
              <UnorderedListItem key={i}>{a}</UnorderedListItem>
            ))}
          </UnorderedList>
        </Part>
      )}
      <Part title="Wat als u het niet eens bent?">
        <Routes plan={plan} />
      </Part>
    </section>
  );
}

export function Routes({ plan, heading }: { plan: ParentPlanData; heading?: boolean }) {
  return (
    <>
      {heading && <Heading2 id="hulp-titel">Waar kunt u terecht?</Heading2>}
      <Paragraph>Praat eerst met de school. Komt u er samen niet uit? Dan kunt u hier terecht:</Paragraph>
      <UnorderedList>
        {plan.disagreementRoutes.map((r) => (
          <UnorderedListItem key={r.name}>
            <strong>{r.name}.</strong> {r.description}
          </UnorderedListItem>
        ))}
      </UnorderedList>
    </>
  );
}

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

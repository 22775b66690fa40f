import { Heading2, Heading3, Paragraph, UnorderedList, UnorderedListItem } from '@utrecht/component-library-react';
import type { ReactNode } from 'react';
import type { Json } from '../../../web/api.ts';
import { dayInWords } from '../../../web/ui.tsx';
import type { ParentPlan } from '../parent-schema.ts';
import { aspectLabels, destinationsByKind } from '../schema.ts';

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
export function Text({ children }: { children: string }) {
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
                  {dayInWords(f.date)}: {f.text}
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
              Wanneer: vóór {dayInWords(g.by)}.
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
                <UnorderedListItem key={d}>{dayInWords(d)}</UnorderedListItem>
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

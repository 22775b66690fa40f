import { randomUUID } from 'node:crypto';
import type { Db } from '../db/index.ts';
import { drawPupil, drawRotation } from '../features/quality/audits/draw.ts';
import { FIRST_SPEARHEADS, type GoalInput } from '../features/quality/schema.ts';
import * as rows from './factories/index.ts';

const previousYear = (y: string) => `${Number(y.slice(0, 4)) - 1}-${Number(y.slice(5)) - 1}`;

/**
 * Goals as schools wrote them in the spring round of seed 001 (its action
 * points per spearhead), with the common indicators it names ("Gemeenschappelijke
 * indicatoren") as the measures.
 */
const GOALS: { spearhead: number; goal: string; actions: string; owner: string; budgetLine: GoalInput['budgetLine']; indicators: { name: string; target: string }[] }[] = [
  {
    spearhead: 0,
    goal: 'De trajectvoorziening observeert in de klas bij elke nieuwe hulpvraag binnen drie weken en adviseert de docenten.',
    actions: 'Observatieformulier invoeren; wekelijks overleg TV-coördinator en teamleiders.',
    owner: 'Coördinator trajectvoorziening',
    budgetLine: 'trajectory',
    indicators: [{ name: 'Aantal observaties in de klas', target: '40 per jaar' }, { name: 'Percentage leerlingen aangemeld bij de trajectvoorziening', target: 'minder dan 6%' }],
  },
  {
    spearhead: 1,
    goal: 'Elk OPP heeft handelingsgerichte doelen en wordt minstens twee keer per jaar met ouders en leerling geëvalueerd.',
    actions: 'Evaluatiemomenten in de jaarplanning; scholing mentoren in het werken met het OPP.',
    owner: 'Ondersteuningscoördinator',
    budgetLine: 'care_staff',
    indicators: [{ name: "OPP's op tijd geëvalueerd", target: '90%' }],
  },
  {
    spearhead: 3,
    goal: 'Verzuim wordt binnen een week opgevolgd volgens het verzuimprotocol; geen leerling zit langer dan vier weken thuis zonder aanbod.',
    actions: 'Verzuimcoördinator aanstellen; maandelijks overleg met leerplicht.',
    owner: 'Teamleider onderbouw',
    budgetLine: 'care_staff',
    indicators: [{ name: 'Langdurig verzuim en thuiszitters', target: '0 thuiszitters langer dan 4 weken' }],
  },
  {
    spearhead: 4,
    goal: 'Elke leerling met een ondersteuningsbehoefte die instroomt, heeft binnen een week een plan van aanpak en een evaluatiegesprek na twee maanden.',
    actions: 'Intakechecklist voor zij-instroom; warme overdracht met de toeleverende school.',
    owner: 'Afdelingsleider',
    budgetLine: 'mentors',
    indicators: [{ name: 'Instromers met plan binnen een week', target: '100%' }],
  },
  {
    spearhead: 5,
    goal: 'Alle mentoren volgen de training oplossingsgerichte gesprekken en passen die toe in driehoeksgesprekken.',
    actions: 'Twee studiedagen; intervisie per team elke periode.',
    owner: 'Schoolleider',
    budgetLine: 'professionalisation',
    indicators: [{ name: 'Mentoren getraind', target: '100%' }, { name: 'Tevredenheid ouders over begeleiding', target: '7,5 of hoger' }],
  },
];

/**
 * Demo data for the quality cycle: the seven spearheads of seed 001, and two
 * school years of action plans for the first three schools. Last year's
 * plans were handed in, discussed in the spring round and evaluated in the
 * autumn round; this year's were carried over from them (the goals not
 * reached) and handed in, one is discussed. The fourth school has only a
 * draft for this year. Call inside the seeding transaction.
 */
export async function seedQuality(tx: Db, partnershipId: string, schoolYear: string): Promise<void> {
  const [{ count }] = (await tx`select count(*)::int as count from quality_spearheads where partnership_id = ${partnershipId}`) as unknown as [{ count: number }];
  if (count > 0) return;
  const spearheads = await rows.qualitySpearhead.many(tx, FIRST_SPEARHEADS.map((s, position) => ({ partnership_id: partnershipId, label: s.label, description: s.description, position })));
  const schools = await tx<{ id: string; leaderId: string | null; ocoId: string | null }[]>`
    select s.id,
      (select r.user_id from role_assignments r join users u on u.id = r.user_id where r.school_id = s.id and r.role = 'schoolleider' order by u.email limit 1) as "leaderId",
      (select r.user_id from role_assignments r join users u on u.id = r.user_id where r.school_id = s.id and r.role = 'oco' order by u.email limit 1) as "ocoId"
    from schools s where s.partnership_id = ${partnershipId} and s.active order by s.brin limit 4`;
  const [consultant] = await tx<{ id: string }[]>`
    select u.id from users u join role_assignments r on r.user_id = u.id where u.partnership_id = ${partnershipId} and r.role = 'swv_consultant' order by u.email limit 1`;
  const last = previousYear(schoolYear);
  const results = ['reached', 'partly', 'not', 'reached', 'partly'] as const;
  for (const [i, s] of schools.entries()) {
    const by = s.leaderId ?? s.ocoId;
    if (!by) continue;
    const goals: GoalInput[] = GOALS.filter((_, k) => (k + i) % 4 !== 3).map((g) => ({
      id: randomUUID(), spearheadId: spearheads[g.spearhead]!.id, goal: g.goal, actions: g.actions, owner: g.owner, budgetLine: g.budgetLine, indicators: g.indicators, origin: 'new', carriedFrom: null,
    }));
    if (i === 3) {
      // The fourth school: only a draft for this year, no plan last year.
      await rows.actionPlan(tx, { partnership_id: partnershipId, school_id: s.id, school_year: schoolYear, content: { summary: '', goals: goals.slice(0, 1) }, updated_by: by });
      continue;
    }
    const evaluation = Object.fromEntries(goals.map((g, k) => [g.id, { result: results[(k + i) % results.length]!, learnt: results[(k + i) % results.length] === 'reached' ? 'De vaste evaluatiemomenten in de jaarplanning werkten.' : 'Te weinig tijd voor de mentoren; volgend jaar uren in de formatie.' }]));
    await rows.actionPlan(tx, {
      partnership_id: partnershipId, school_id: s.id, school_year: last, updated_by: by,
      content: { summary: 'Uitgangspunt: het schoolondersteuningsprofiel en het ondersteuningsplan van het samenwerkingsverband.', goals },
      submitted_at: new Date(`${last.slice(0, 4)}-05-20T10:00:00Z`), submitted_by: by,
      discussion: { heldOn: `${last.slice(0, 4)}-06-02`, attendees: i === 0 ? ['leader', 'coordinator', 'gmr', 'parents'] : ['leader', 'coordinator'], notes: 'Actieplan en inzet van de middelen besproken; indicatoren vastgesteld.' },
      discussion_at: new Date(`${last.slice(0, 4)}-06-02T15:00:00Z`), discussion_by: consultant?.id ?? null,
      evaluation, evaluated_at: new Date(`${last.slice(5)}-11-10T10:00:00Z`), evaluated_by: by,
    });
    const carried = goals.filter((g) => evaluation[g.id]!.result !== 'reached').map((g) => ({ ...g, id: randomUUID(), origin: 'carried' as const, carriedFrom: g.id }));
    await rows.actionPlan(tx, {
      partnership_id: partnershipId, school_id: s.id, school_year: schoolYear, updated_by: by,
      content: { summary: 'Verder met de doelen die vorig jaar niet of deels zijn behaald.', goals: carried },
      submitted_at: new Date(`${schoolYear.slice(0, 4)}-05-25T10:00:00Z`), submitted_by: by,
      ...(i === 0
        ? { discussion: { heldOn: `${schoolYear.slice(0, 4)}-06-05`, attendees: ['leader', 'coordinator', 'teachers'], notes: 'Doorlopende doelen aangescherpt.' }, discussion_at: new Date(`${schoolYear.slice(0, 4)}-06-05T15:00:00Z`), discussion_by: consultant?.id ?? null }
        : {}),
    });
  }
  await seedAuditRound(tx, partnershipId, last, spearheads.map((x) => x.id));
  await seedRoundTables(tx, partnershipId, schoolYear);
}

/**
 * Two round tables in the autumn of this school year, as seed 003 reports them: the same
 * two statements in plenary, then themes discussed in groups (keep, may go,
 * miss). Recorded by the partnership's consultant.
 */
async function seedRoundTables(tx: Db, partnershipId: string, schoolYear: string) {
  const [consultant] = await tx<{ id: string }[]>`
    select u.id from users u join role_assignments r on r.user_id = u.id where u.partnership_id = ${partnershipId} and r.role = 'swv_consultant' order by u.email limit 1`;
  const by = consultant?.id ?? null;
  const statements = [
    { text: 'Het huidige ondersteuningsplan en de doelen helpen ons om samen passend onderwijs te realiseren.', reactions: 'Veel scholen zien positieve stappen; sommige ervaren bureaucratie. Samenwerking is essentieel en kan op onderdelen beter.' },
    { text: 'De school regisseert, het samenwerkingsverband ondersteunt.', reactions: 'De koers is goed, maar we zijn er nog niet. De meeste scholen ervaren het samenwerkingsverband als ondersteunend.' },
  ];
  const start = schoolYear.slice(0, 4);
  await rows.roundTable(tx, {
    partnership_id: partnershipId, title: 'Thematafel intern begeleiders en leerkrachten', held_on: `${start}-10-07`, audiences: ['ib', 'teachers'], created_by: by, updated_by: by,
    content: {
      statements,
      themes: [
        { theme: 'Basisondersteuning', keep: ['Het scholingsaanbod en de inzet van de adviseurs', 'De regie ligt bij de school'], drop: [], miss: ['Een cursus over het ondersteuningsteam (OT)', 'Hulp bij leerlingen die Nederlands als tweede taal leren'] },
        { theme: 'Extra ondersteuning', keep: ['Het MDO, als alleen de nodige mensen aan tafel zitten'], drop: ['Dubbel werk bij het aanvragen van een arrangement'], miss: ['Groepsarrangementen', 'Dat de adviseur het kind ook in de klas ziet'] },
      ],
    },
  });
  await rows.roundTable(tx, {
    partnership_id: partnershipId, title: 'Thematafel directeuren', held_on: `${start}-11-04`, audiences: ['directors', 'support_staff'], created_by: by, updated_by: by,
    content: {
      statements,
      themes: [
        { theme: 'Basisondersteuning', keep: ['Netwerken en expertise delen tussen scholen'], drop: [], miss: ['Geld dat de school flexibel kan inzetten'] },
        { theme: 'De rol van het samenwerkingsverband', keep: ['Kennis en kritische vragen van de adviseurs'], drop: ['De adviseur als penningmeester'], miss: ['Een adviseur die de school en haar cultuur kent'] },
      ],
    },
  });
}

/**
 * Last school year's audit round (seed 000): the rotation drawn over every
 * active school with a kept seed, each audit held in February with the
 * auditing school's OCO and the director, a chair, the random pupil drawn
 * where the school has pupils with an arrangement, the chair's report with
 * success factors and pitfalls by theme, and the audited school's
 * improvement points (which this year's plan can take over).
 */
async function seedAuditRound(tx: Db, partnershipId: string, schoolYear: string, spearheadIds: string[]) {
  const schools = (await tx<{ id: string }[]>`select id from schools where partnership_id = ${partnershipId} and active order by id`).map((x) => x.id);
  if (schools.length < 3) return;
  const seed = `demo-${schoolYear}`;
  const { pairs, repeats } = drawRotation(schools, [], Number(schoolYear.slice(0, 4)), seed);
  const round = await rows.auditRound(tx, { partnership_id: partnershipId, school_year: schoolYear, seed, schools, history: [], drawn_pairs: pairs, repeats });
  const [director] = await tx<{ id: string }[]>`
    select u.id from users u join role_assignments r on r.user_id = u.id where u.partnership_id = ${partnershipId} and r.role = 'swv_director' order by u.email limit 1`;
  const findings = [
    { kind: 'success', theme: 'Angst en schoolweigering', text: 'Snel de leerplichtambtenaar en de ketenpartners inschakelen; SMART-afspraken met ouders, leerling en hulpverlener, ieder met een kopie.' },
    { kind: 'pitfall', theme: 'Angst en schoolweigering', text: 'Huiswerk thuisbrengen: dat maakt naar school gaan onnodig.' },
    { kind: 'success', theme: 'Lwoo-begeleiding', text: 'Elke nieuwe lwoo-leerling drie maanden kort en regelmatig individueel contact, daarna afbouwen.' },
    { kind: 'pitfall', theme: 'Start van nieuwe leerlingen met begeleidingsindicatoren', text: 'Bij zij-instroom in leerjaar 3 geen plan van aanpak binnen een week.' },
    { kind: 'success', theme: 'Rol van mentor en vakdocenten bij arrangementen', text: 'Begeleidingsuren van mentoren al bij de formatie inroosteren.' },
  ] as const;
  for (const [i, p] of pairs.entries()) {
    const ocos = await tx<{ id: string }[]>`select user_id as id from role_assignments where school_id = ${p.auditor} and role in ('oco', 'schoolleider') order by role limit 1`;
    const heldOn = `${schoolYear.slice(5)}-02-${String(3 + i).padStart(2, '0')}`;
    const list = (
      await tx<{ id: string }[]>`select distinct ar.pupil_id as id from arrangements ar where ar.school_id = ${p.audited} and ar.kind = 'arrangement' and ar.pupil_id is not null`
    ).map((r) => r.id);
    const drawn = drawPupil(list, `${seed}-${i}`);
    const reported = i < Math.max(2, pairs.length - 2);
    await rows.peerAudit(tx, {
      partnership_id: partnershipId, round_id: round.id, school_id: p.audited, auditor_school_id: p.auditor, planned_on: heldOn,
      auditor_user_ids: [...ocos.map((o) => o.id), ...(director ? [director.id] : [])], chair_name: 'Gerda Heringa',
      successful_dossier: 'Een leerling met ASS die na een moeizame start in klas 1 nu zonder arrangement meedraait.',
      difficult_dossier: 'Een leerling met schoolweigering in klas 3, met jeugdzorg en leerplicht betrokken.',
      drawn_pupil_id: drawn?.pupilId ?? null, draw_seed: `${seed}-${i}`, draw_list: drawn?.list ?? [], drawn_at: new Date(`${heldOn}T08:00:00Z`), drawn_by: director?.id ?? null,
      ...(reported
        ? {
            report: {
              answers: {
                successful: 'De mentor had de regie en de lijnen met ouders waren kort.',
                difficult: 'Ketenpartners wachtten op elkaar; de school sprong in waar zij niet deskundig is.',
                drawnPupil: drawn ? 'De extra ondersteuning is in het OPP herkenbaar en te onderscheiden van de basisondersteuning.' : 'Geen leerling met een arrangement op deze school.',
                budgets: 'Het arrangementsbudget gaat naar uren van een vaste mentor met begeleidingsexpertise.',
                absence: 'Verzuim wordt binnen een week opgevolgd; bij schoolweigering wordt het stappenplan gebruikt.',
                advice: 'Een intakechecklist voor zij-instromers en een evaluatiegesprek na twee maanden.',
              },
              findings: [findings[i % findings.length], findings[(i + 1) % findings.length]],
            },
            report_at: new Date(`${heldOn}T16:00:00Z`), report_by: director?.id ?? null,
            improvements: [{ id: randomUUID(), text: 'Een intakechecklist voor elke zij-instromer, met een plan binnen een week en een evaluatie na twee maanden.', spearheadId: spearheadIds[4] ?? spearheadIds[0]! }],
            improvements_at: new Date(`${heldOn}T16:00:00Z`),
          }
        : {}),
    });
  }
}

-- The partnership's placement table (plaatsingstafel / zorgtafel / MPO) for
-- zorgplicht cases that get stuck (DOMAIN.md C6; seed 004 §4): a consultant
-- or the director puts a registration on the table, plans a meeting with the
-- parties (parents, schools, the partnership, chain partners), and records the
-- binding advice with what each party does by when. The case stays followed
-- until the pupil is placed (the registration decided with an accepting
-- school). Where the partnership has given its director doorzettingsmacht
-- (partnerships.settings.zorgplicht.doorzettingsmacht, default off), the
-- director records a placement decision with a motivation.

create table zorgplicht_table_cases (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  registration_id uuid not null unique references zorgplicht_registrations(id),
  -- Why the case is at the table: the school of the registration reads it.
  reason text not null,
  -- The partnership's own notes: never shown to a school.
  notes text not null default '',
  put_by uuid not null references users(id),
  put_at timestamptz not null default now(),
  -- The meeting: its day and the parties present, named ([{kind, name}]).
  meeting_on date,
  meeting_parties jsonb not null default '[]',
  -- The binding advice: a school that places the pupil, or another offer.
  advice_outcome text check (advice_outcome in ('school', 'other')),
  advice_school_id uuid references schools(id),
  advice_offer text,
  advice_motivation text,
  advice_by uuid references users(id),
  advice_at timestamptz,
  -- The director's decision under doorzettingsmacht.
  decision_school_id uuid references schools(id),
  decision_offer text,
  decision_motivation text,
  decision_by uuid references users(id),
  decision_at timestamptz,
  check ((advice_outcome is null) = (advice_at is null)),
  check ((advice_outcome = 'school') = (advice_school_id is not null)),
  check ((decision_at is null) = (decision_motivation is null)),
  check (decision_at is null or (decision_school_id is not null) <> (decision_offer is not null))
);
create index zorgplicht_table_cases_partnership on zorgplicht_table_cases (partnership_id);

-- What each party does by when, after the binding advice; marked done when done.
create table zorgplicht_table_actions (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  case_id uuid not null references zorgplicht_table_cases(id),
  position smallint not null,
  party text not null,
  description text not null,
  due_on date not null,
  done_at timestamptz,
  done_by uuid references users(id),
  check ((done_at is null) = (done_by is null))
);
create index zorgplicht_table_actions_case on zorgplicht_table_actions (case_id, position);
create index zorgplicht_table_actions_open on zorgplicht_table_actions (partnership_id, due_on) where done_at is null;

alter table zorgplicht_table_cases enable row level security, force row level security;
create policy tenant_isolation on zorgplicht_table_cases
  using (partnership_id = nullif(current_setting('app.partnership_id', true), '')::uuid);
alter table zorgplicht_table_actions enable row level security, force row level security;
create policy tenant_isolation on zorgplicht_table_actions
  using (partnership_id = nullif(current_setting('app.partnership_id', true), '')::uuid);

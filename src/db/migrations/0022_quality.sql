-- Quality of support, PDCA per school per school year (DOMAIN C10; seed 001,
-- the spring round's summary report). The partnership sets the spearheads of
-- its support plan (seed 001 names seven); each school writes its action plan
-- for a school year in the spring round (per spearhead SMART goals, actions,
-- owner, budget line, indicators with targets), the partnership's consultant
-- records the discussion, and in the autumn round after the year each goal is
-- evaluated (reached, partly, not; what was learnt). The next year's plan
-- starts from the goals not reached.
--
-- School-level data, not pupil data: a plan names no pupil (its form has no
-- field for one), so its routes are not `pupilData`; every write is audited.

create table quality_spearheads (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  label text not null,
  description text not null default '',
  position integer not null default 0,
  -- Retired, never deleted: older plans still name it.
  active boolean not null default true,
  created_at timestamptz not null default now()
);
create unique index quality_spearheads_label on quality_spearheads (partnership_id, lower(label));

create table action_plans (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  school_id uuid not null references schools(id),
  -- The school year the plan is for, e.g. '2027-2028' (1 August to 31 July).
  school_year text not null check (school_year ~ '^[0-9]{4}-[0-9]{4}$'),
  -- The goals (features/quality/schema.ts PlanContent), each with a stable id the evaluation names.
  content jsonb not null,
  revision integer not null default 1,
  updated_by uuid references users(id),
  updated_at timestamptz not null default now(),
  -- The school hands the plan in for the spring round's discussion.
  submitted_at timestamptz,
  submitted_by uuid references users(id),
  -- The spring round's discussion, recorded by the partnership: day, who attended, notes.
  discussion jsonb,
  discussion_by uuid references users(id),
  discussion_at timestamptz,
  -- The autumn round: per goal id its result and what was learnt; set once the school closes the evaluation.
  evaluation jsonb not null default '{}',
  evaluated_at timestamptz,
  evaluated_by uuid references users(id),
  created_at timestamptz not null default now(),
  unique (school_id, school_year),
  check ((submitted_at is null) = (submitted_by is null))
);
create index action_plans_year on action_plans (partnership_id, school_year);

alter table quality_spearheads enable row level security, force row level security;
create policy tenant_isolation on quality_spearheads
  using (partnership_id = nullif(current_setting('app.partnership_id', true), '')::uuid);
alter table action_plans enable row level security, force row level security;
create policy tenant_isolation on action_plans
  using (partnership_id = nullif(current_setting('app.partnership_id', true), '')::uuid);

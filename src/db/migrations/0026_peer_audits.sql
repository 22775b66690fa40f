-- Peer audits (DOMAIN C10; seed 000, the peer-audit guide): a yearly round in
-- which every school audits one other and is audited once, drawn by the
-- partnership's director from a kept seed; per audit 2.5 hours, the auditors
-- (school or team leader and the OCO of another school, with the director),
-- an independent chair, the school's successful and difficult dossier, and
-- one pupil with a granted arrangement drawn at random ("horizontale
-- verantwoording"), whose dossier the auditors read on the audit day only.
-- The chair's report follows seed 000's questions; the school answers with
-- improvement points that flow into its next action plan.

create table audit_rounds (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  school_year text not null check (school_year ~ '^[0-9]{4}-[0-9]{4}$'),
  -- What the draw used, kept so anyone can redo it (features/quality/audits/draw.ts):
  -- the seed, the schools drawn from, and the earlier rounds' pairs it avoided.
  seed text not null,
  schools jsonb not null,
  history jsonb not null,
  -- As drawn, and as it stands after adjustments (each with its reason).
  drawn_pairs jsonb not null,
  repeats integer not null default 0,
  adjustments jsonb not null default '[]',
  drawn_by uuid references users(id),
  drawn_at timestamptz not null default now(),
  unique (partnership_id, school_year)
);

create table peer_audits (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  round_id uuid not null references audit_rounds(id),
  -- The audited school, and the school whose leader and OCO audit it.
  school_id uuid not null references schools(id),
  auditor_school_id uuid not null references schools(id),
  planned_on date,
  -- Seed 000: "Voor elke audit wordt 2,5 uur gepland."
  planned_minutes integer not null default 150 check (planned_minutes between 30 and 480),
  -- The staff who audit (leader or team leader and OCO of the auditing school, the director): they alone open the drawn pupil, on the day.
  auditor_user_ids uuid[] not null default '{}',
  -- The independent chair, often from outside the partnership: a name, not an account.
  chair_name text not null default '',
  -- The dossiers the school brings, described without naming the pupil.
  successful_dossier text not null default '',
  difficult_dossier text not null default '',
  -- The random pupil: drawn from the kept list with the kept seed.
  drawn_pupil_id uuid references pupils(id),
  draw_seed text,
  draw_list jsonb,
  drawn_at timestamptz,
  drawn_by uuid references users(id),
  -- The chair's report: answers to seed 000's questions, and success factors and pitfalls by theme.
  report jsonb,
  report_by uuid references users(id),
  report_at timestamptz,
  -- The school's answer: improvement points, each under a spearhead, for its next action plan.
  improvements jsonb not null default '[]',
  improvements_by uuid references users(id),
  improvements_at timestamptz,
  created_at timestamptz not null default now(),
  unique (round_id, school_id),
  -- Deferred: an adjustment swaps two audits' auditing schools in one statement.
  unique (round_id, auditor_school_id) deferrable initially deferred,
  check (school_id <> auditor_school_id),
  check ((draw_seed is null) = (drawn_at is null))
);
create index peer_audits_school on peer_audits (school_id);

alter table audit_rounds enable row level security, force row level security;
create policy tenant_isolation on audit_rounds
  using (partnership_id = nullif(current_setting('app.partnership_id', true), '')::uuid);
alter table peer_audits enable row level security, force row level security;
create policy tenant_isolation on peer_audits
  using (partnership_id = nullif(current_setting('app.partnership_id', true), '')::uuid);

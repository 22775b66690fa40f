-- The meldcode huiselijk geweld en kindermishandeling (Wet verplichte
-- meldcode, Besluit verplichte meldcode 2013; seed 002 §6.5): a suspicion is
-- worked through in five steps, each with its date and notes, kept apart from
-- the pupil's dossier. A file is seen only by the school's aandachtsfunctionaris
-- (the role of that name at the school) and the colleagues they add to it;
-- nobody else learns that it exists, so it has no link to the dossier's tables
-- other than the pupil, and its reads and writes go to a trail of its own
-- (meldcode_log), not to the audit log parents' "who looked" reads.

create table meldcode_files (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  school_id uuid not null references schools(id),
  pupil_id uuid not null references pupils(id),
  opened_by uuid not null references users(id),
  opened_at timestamptz not null default now(),
  -- How it ended (step 5): no concerns left, help organised, reported to Veilig Thuis, or both.
  outcome text check (outcome in ('geen_zorgen', 'hulp', 'melding', 'melding_en_hulp')),
  outcome_note text not null default '',
  closed_on date,
  closed_by uuid references users(id),
  check ((outcome is null) = (closed_on is null))
);
create index meldcode_files_school on meldcode_files (school_id) where closed_on is null;

-- Colleagues an aandachtsfunctionaris added to one file. Removed, never deleted: who could read it, and when, stays answerable.
create table meldcode_members (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  file_id uuid not null references meldcode_files(id),
  user_id uuid not null references users(id),
  added_by uuid not null references users(id),
  added_at timestamptz not null default now(),
  removed_by uuid references users(id),
  removed_at timestamptz
);
create unique index meldcode_members_open on meldcode_members (file_id, user_id) where removed_at is null;
create index meldcode_members_user on meldcode_members (user_id) where removed_at is null;

-- What happened in a step, appended: a step is often taken more than once (another consultation, a second talk).
create table meldcode_entries (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  file_id uuid not null references meldcode_files(id),
  step smallint not null check (step between 1 and 5),
  happened_on date not null,
  notes text not null,
  recorded_by uuid not null references users(id),
  recorded_at timestamptz not null default now()
);
create index meldcode_entries_file on meldcode_entries (file_id, happened_on);

-- The meldcode's own trail: every read, write and refusal, ids only; exported apart for the privacy officer.
create table meldcode_log (
  id bigint generated always as identity primary key,
  partnership_id uuid not null references partnerships(id),
  at timestamptz not null default now(),
  actor_user_id uuid not null references users(id),
  action text not null,
  file_id uuid,
  school_id uuid,
  details jsonb not null default '{}'
);
create index meldcode_log_at on meldcode_log (partnership_id, at);

alter table meldcode_files enable row level security, force row level security;
create policy tenant_isolation on meldcode_files
  using (partnership_id = nullif(current_setting('app.partnership_id', true), '')::uuid);
alter table meldcode_members enable row level security, force row level security;
create policy tenant_isolation on meldcode_members
  using (partnership_id = nullif(current_setting('app.partnership_id', true), '')::uuid);
alter table meldcode_entries enable row level security, force row level security;
create policy tenant_isolation on meldcode_entries
  using (partnership_id = nullif(current_setting('app.partnership_id', true), '')::uuid);
alter table meldcode_log enable row level security, force row level security;
create policy tenant_isolation on meldcode_log
  using (partnership_id = nullif(current_setting('app.partnership_id', true), '')::uuid);

-- Round tables (thematafels, seed 003: "Terugkoppeling thematafels"): the
-- partnership gathers the field to evaluate its support plan. At each table
-- the participants (their roles: IB-ers, teachers, directors, policy staff,
-- parents, chain partners) first react to statements in plenary, then
-- discuss themes in groups: what to keep, what may go, what they miss. The
-- partnership records each table and reads a summary per theme across them.
--
-- Partnership-level data, not pupil data: a table's record names no pupil
-- and no person (roles only); every write is audited.

create table quality_round_tables (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  title text not null,
  held_on date not null,
  -- The roles at the table (features/quality/round-table-schema.ts roundTableAudiences).
  audiences text[] not null default '{}',
  -- Statements with the room's reactions, and themes with keep / drop / miss (RoundTableContent).
  content jsonb not null,
  revision integer not null default 1,
  created_by uuid references users(id),
  updated_by uuid references users(id),
  updated_at timestamptz not null default now(),
  created_at timestamptz not null default now()
);
create index quality_round_tables_held on quality_round_tables (partnership_id, held_on desc);

alter table quality_round_tables enable row level security, force row level security;
create policy tenant_isolation on quality_round_tables
  using (partnership_id = nullif(current_setting('app.partnership_id', true), '')::uuid);

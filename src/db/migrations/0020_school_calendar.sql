-- The school calendar (platform/calendar/): a school's holiday region and its
-- own days without lessons. With the national holidays (Rijksoverheid,
-- platform/calendar/holidays.ts) they decide which days are school days and
-- which weeks are school weeks (lesweken): the unit of the absence rules
-- (Leerplichtwet 1969 art. 21a, "vier opeenvolgende lesweken").

-- noord, midden or zuid (Rijksoverheid, regio-indeling schoolvakanties); null until the school sets it.
alter table schools add column holiday_region text check (holiday_region in ('noord', 'midden', 'zuid'));

-- Study days, a closed Good Friday, a school's own holiday days.
create table school_free_days (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  school_id uuid not null references schools(id),
  day date not null,
  label text not null check (length(label) between 1 and 80),
  created_by uuid references users(id),
  created_at timestamptz not null default now(),
  unique (school_id, day)
);

alter table school_free_days enable row level security, force row level security;
create policy tenant_isolation on school_free_days
  using (partnership_id = nullif(current_setting('app.partnership_id', true), '')::uuid);

-- A pupil's parents and carers, entered once (or taken from the pupil
-- information system's export) and picked by every send to parents (OPP,
-- consent, letters) instead of being retyped. Who holds parental authority
-- (gezag) matters: they sign the OPP and give consent (WPO/WVO; AVG art. 8
-- for pupils under 16). Number 0019: 0018 is taken by the support-need link
-- on pupil_needs.
create table pupil_contacts (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  school_id uuid not null references schools(id),
  pupil_id uuid not null references pupils(id) on delete cascade,
  name text not null check (length(name) between 1 and 120),
  relation text not null check (relation in ('moeder', 'vader', 'ouder', 'verzorger', 'voogd', 'pleegouder', 'anders')),
  parental_authority boolean not null,
  email text not null default '',
  phone text not null default '',
  -- 'import': replaced by the next import of the school's export; 'manual': kept.
  source text not null default 'manual' check (source in ('manual', 'import')),
  position integer not null default 0,
  updated_by uuid references users(id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now()
);
create index pupil_contacts_pupil on pupil_contacts (pupil_id, position);

alter table pupil_contacts enable row level security, force row level security;
create policy tenant_isolation on pupil_contacts
  using (partnership_id = nullif(current_setting('app.partnership_id', true), '')::uuid);

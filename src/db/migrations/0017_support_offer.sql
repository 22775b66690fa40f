-- The region's support offer: one structured school support profile
-- (schoolondersteuningsprofiel) per school location and school year, from a
-- list of needs the partnership keeps. A uniform format is what makes the
-- offer comparable: free-form profiles made coverage analysis impossible
-- (evaluation of passend onderwijs, seed 004 §4.2). The partnership's levels
-- and publication rules live in partnerships.settings.supportOffer.

create table support_needs (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  label text not null,
  -- For parents, in plain words (B1).
  description text not null default '',
  position integer not null default 0,
  -- A need is retired, never deleted: older profiles still name it.
  active boolean not null default true,
  created_at timestamptz not null default now()
);
create unique index support_needs_label on support_needs (partnership_id, lower(label));

create table support_profiles (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  school_id uuid not null references schools(id),
  -- A location that closes takes its profiles with it: they describe a place that no longer exists.
  location_id uuid not null references school_locations(id) on delete cascade,
  -- The school year the profile is for, e.g. '2026-2027' (1 August to 31 July).
  school_year text not null check (school_year ~ '^[0-9]{4}-[0-9]{4}$'),
  -- What the school is writing (features/support-offer/schema.ts ProfileContent).
  content jsonb not null,
  revision integer not null default 1,
  updated_by uuid references users(id),
  updated_at timestamptz not null default now(),
  -- What the school leader published: the only part that leaves the school (the public directory).
  published_content jsonb,
  published_by uuid references users(id),
  published_at timestamptz,
  -- Free places now, per capacity row ('<level>|<year group>'): kept current by the school without a new publication.
  free_places jsonb not null default '{}',
  free_places_at timestamptz,
  created_at timestamptz not null default now(),
  unique (location_id, school_year),
  check ((published_content is null) = (published_at is null))
);
create index support_profiles_school on support_profiles (school_id);
create index support_profiles_published on support_profiles (partnership_id, location_id, school_year desc) where published_at is not null;

alter table support_needs enable row level security, force row level security;
create policy tenant_isolation on support_needs
  using (partnership_id = nullif(current_setting('app.partnership_id', true), '')::uuid);
alter table support_profiles enable row level security, force row level security;
create policy tenant_isolation on support_profiles
  using (partnership_id = nullif(current_setting('app.partnership_id', true), '')::uuid);

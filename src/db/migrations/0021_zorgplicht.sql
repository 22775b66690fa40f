-- Zorgplicht (duty of care): every registration (aanmelding) of a pupil at a
-- school, with its legal clock (platform/calendar/zorgplicht-clock.ts: decide
-- within 6 calendar weeks of receipt, extend once by at most 4 weeks, a
-- temporary place after 10 weeks; WPO art. 40, WEC art. 40, WVO 2020
-- art. 2.33), and the placement search: the other schools a school asks to
-- take the pupil when it cannot offer the support itself (DOMAIN.md C6). The
-- zorgplicht ends only with an offer at a school that accepted the pupil.

create table zorgplicht_registrations (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  -- The school the parents registered at.
  school_id uuid not null references schools(id),
  -- A pupil the system already knows is picked, not retyped; otherwise the name and birth date below.
  pupil_id uuid references pupils(id),
  first_name text not null,
  name_prefix text not null default '',
  last_name text not null,
  birth_date date not null,
  previous_school text not null default '',
  parent_names text not null,
  parent_email text not null default '',
  parent_phone text not null default '',
  desired_start date,
  level text,
  year_group smallint check (year_group between 1 and 8),
  -- The support need in the words of the parents and of the previous school.
  need_by_parents text not null default '',
  need_by_school text not null default '',
  -- Only a suspected support need brings the zorgplicht, and the partnership's eyes.
  support_suspected boolean not null,
  -- The day the school received the written registration: the clock starts here.
  received_on date not null,
  status text not null default 'open' check (status in ('open', 'decided', 'withdrawn')),
  -- One extension, at most 4 weeks, with its reason (told to the parents in writing).
  extended_to date,
  extension_reason text,
  extended_at timestamptz,
  extended_by uuid references users(id),
  outcome text check (outcome in ('admitted', 'admitted_support', 'offer_elsewhere', 'full', 'withdrawn')),
  outcome_reason text,
  -- 'offer_elsewhere': the school that accepted the pupil.
  offer_school_id uuid references schools(id),
  decided_on date,
  decided_by uuid references users(id),
  created_by uuid not null references users(id),
  created_at timestamptz not null default now(),
  check ((extended_to is null) = (extension_reason is null)),
  check ((status = 'open') = (outcome is null)),
  check ((status = 'open') = (decided_on is null)),
  check ((outcome = 'withdrawn') = (status = 'withdrawn')),
  check ((outcome = 'offer_elsewhere') = (offer_school_id is not null))
);
create index zorgplicht_registrations_school on zorgplicht_registrations (partnership_id, school_id, status);
create index zorgplicht_registrations_open on zorgplicht_registrations (partnership_id, received_on) where status = 'open';
create index zorgplicht_registrations_pupil on zorgplicht_registrations (pupil_id) where pupil_id is not null;
-- The board's "registered at a second school within the year": the same child by name and birth date.
create index zorgplicht_registrations_child on zorgplicht_registrations (partnership_id, birth_date, lower(last_name));

-- The placement search: a school asked to take the pupil, and its answer. The
-- asked school sees the registration only from the moment it is asked.
create table zorgplicht_placement_requests (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  registration_id uuid not null references zorgplicht_registrations(id),
  school_id uuid not null references schools(id),
  message text not null default '',
  status text not null default 'asked' check (status in ('asked', 'accepted', 'declined', 'withdrawn')),
  answer_reason text,
  asked_by uuid not null references users(id),
  asked_at timestamptz not null default now(),
  answered_by uuid references users(id),
  answered_at timestamptz,
  check ((status in ('accepted', 'declined')) = (answered_at is not null))
);
create unique index zorgplicht_placement_requests_open on zorgplicht_placement_requests (registration_id, school_id) where status in ('asked', 'accepted');
create index zorgplicht_placement_requests_school on zorgplicht_placement_requests (partnership_id, school_id, status);

alter table zorgplicht_registrations enable row level security, force row level security;
create policy tenant_isolation on zorgplicht_registrations
  using (partnership_id = nullif(current_setting('app.partnership_id', true), '')::uuid);
alter table zorgplicht_placement_requests enable row level security, force row level security;
create policy tenant_isolation on zorgplicht_placement_requests
  using (partnership_id = nullif(current_setting('app.partnership_id', true), '')::uuid);

-- Classes and pupils with their enrolments. The pupil dossier builds on these.

create table classes (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  school_id uuid not null references schools(id),
  name text not null,
  -- e.g. '2026-2027'
  school_year text not null check (school_year ~ '^[0-9]{4}-[0-9]{4}$'),
  level text,
  year_group smallint,
  created_at timestamptz not null default now(),
  unique (school_id, school_year, name)
);

create table class_staff (
  partnership_id uuid not null references partnerships(id),
  class_id uuid not null references classes(id),
  user_id uuid not null references users(id),
  is_mentor boolean not null default false,
  primary key (class_id, user_id)
);
create index class_staff_user on class_staff (user_id);

create table pupils (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  -- The school where the pupil is enrolled now (denormalised from enrolments for scope checks).
  school_id uuid not null references schools(id),
  -- The school's own pupil number (leerlingnummer in the pupil information system).
  student_number text not null,
  first_name text not null,
  name_prefix text not null default '',
  last_name text not null,
  birth_date date not null,
  eck_id text,
  bsn text,
  created_at timestamptz not null default now(),
  unique (school_id, student_number)
);
create index pupils_partnership on pupils (partnership_id);
create index pupils_name on pupils (school_id, lower(last_name), lower(first_name));

create table enrolments (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  pupil_id uuid not null references pupils(id),
  school_id uuid not null references schools(id),
  class_id uuid references classes(id),
  level text,
  start_date date not null,
  end_date date,
  created_at timestamptz not null default now()
);
create index enrolments_pupil on enrolments (pupil_id);
create index enrolments_class on enrolments (class_id) where end_date is null;

-- Absence (verzuim) per pupil, day and kind, in lesson hours, and the
-- reports the school made of it to the leerplichtambtenaar (DUO's
-- Verzuimloket for VO). The rules that read them (features/absence/rules.ts)
-- count in the school's school weeks (platform/calendar/): 16 hours of
-- unauthorised absence in 4 consecutive school weeks must be reported,
-- Leerplichtwet 1969 art. 21a.

create table absences (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  -- The school the pupil was absent from: a pupil who changes school keeps each school's absence with that school.
  school_id uuid not null references schools(id),
  pupil_id uuid not null references pupils(id) on delete cascade,
  day date not null,
  -- ongeoorloofd (unauthorised), geoorloofd (authorised), ziek (sick), te_laat (late), verlof (leave or exemption: Leerplichtwet art. 11, 13a, 14).
  kind text not null check (kind in ('ongeoorloofd', 'geoorloofd', 'ziek', 'te_laat', 'verlof')),
  -- Lesson time missed, in hours (a lesson of 50 minutes is 0.83); a school day has at most 10.
  hours numeric(4, 2) not null check (hours > 0 and hours <= 10),
  -- Every lesson of the day was missed (DUO asks it; a run of such days makes a thuiszitter).
  whole_day boolean not null default false,
  -- Why, in a few words. For 'ziek' it is health data: only the school's support team reads it.
  reason text not null default '' check (length(reason) <= 500),
  source text not null default 'hand' check (source in ('hand', 'import')),
  recorded_by uuid references users(id),
  created_at timestamptz not null default now(),
  -- One record per pupil, day and kind: an import adds nothing twice.
  unique (pupil_id, day, kind)
);
create index absences_school_day on absences (school_id, day);

create table absence_reports (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  school_id uuid not null references schools(id),
  pupil_id uuid not null references pupils(id) on delete cascade,
  -- 16_uur: 16 hours in 4 school weeks (art. 21a); langdurig: more than 4 weeks not attending (thuiszitter).
  kind text not null check (kind in ('16_uur', 'langdurig')),
  -- The day the rule fired, and the day the school reported it.
  due_on date not null,
  reported_on date not null,
  note text not null default '' check (length(note) <= 1000),
  reported_by uuid references users(id),
  created_at timestamptz not null default now()
);
create index absence_reports_pupil on absence_reports (pupil_id, kind);

alter table absences enable row level security, force row level security;
create policy tenant_isolation on absences
  using (partnership_id = nullif(current_setting('app.partnership_id', true), '')::uuid);
alter table absence_reports enable row level security, force row level security;
create policy tenant_isolation on absence_reports
  using (partnership_id = nullif(current_setting('app.partnership_id', true), '')::uuid);

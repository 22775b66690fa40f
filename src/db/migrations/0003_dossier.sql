-- The pupil dossier and the school's support route: support level
-- and case manager with history, logbook, signals, kwadrant, needs and
-- handelingsadviezen, meetings with agenda, decisions and agreements,
-- documents, and imports from the pupil information system.

alter table pupils
  add column support_level text not null default 'basis' check (support_level in ('basis', 'basisplus', 'extra')),
  add column case_manager_id uuid references users(id),
  -- The key of the pupil in the school's pupil information system (EDEXML 'key').
  add column source_key text;
create unique index pupils_source_key on pupils (school_id, source_key) where source_key is not null;
create unique index pupils_eck_id on pupils (partnership_id, eck_id) where eck_id is not null;

-- Every change of support level or case manager, with its reason.
create table pupil_status_history (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  pupil_id uuid not null references pupils(id),
  field text not null check (field in ('support_level', 'case_manager')),
  old_value text,
  new_value text,
  reason text not null,
  meeting_id uuid,
  changed_by uuid not null references users(id),
  changed_at timestamptz not null default now()
);
create index pupil_status_history_pupil on pupil_status_history (pupil_id, changed_at desc);

create table logbook_entries (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  school_id uuid not null references schools(id),
  pupil_id uuid not null references pupils(id),
  kind text not null check (kind in ('observation', 'pupil_conversation', 'parent_conversation', 'agreement', 'handelingsadvies', 'external_contact')),
  occurred_on date not null,
  body text not null,
  -- Visible only to the support team; others see that it exists, not its content.
  confidential boolean not null default false,
  author_id uuid not null references users(id),
  created_at timestamptz not null default now()
);
create index logbook_entries_pupil on logbook_entries (pupil_id, occurred_on desc, created_at desc);

-- A concern signalled to the OCO ("signaal"), usually from a logbook entry.
create table signals (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  school_id uuid not null references schools(id),
  pupil_id uuid not null references pupils(id),
  logbook_entry_id uuid references logbook_entries(id),
  note text not null default '',
  status text not null default 'open' check (status in ('open', 'on_agenda', 'closed')),
  raised_by uuid not null references users(id),
  created_at timestamptz not null default now(),
  closed_at timestamptz
);
create index signals_school_open on signals (school_id, created_at desc) where status <> 'closed';

-- Kwadrant: kunnen (capacities), willen (wellbeing/motivation), presteren (results), doen (study behaviour).
create table kwadrant_results (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  school_id uuid not null references schools(id),
  pupil_id uuid not null references pupils(id),
  quadrant text not null check (quadrant in ('kunnen', 'willen', 'presteren', 'doen')),
  instrument text not null,
  measured_on date not null,
  score text not null,
  interpretation text not null default '',
  source text not null default 'manual' check (source in ('manual', 'import')),
  recorded_by uuid references users(id),
  created_at timestamptz not null default now()
);
create index kwadrant_results_pupil on kwadrant_results (pupil_id, measured_on desc);

-- Support needs (what the pupil needs) and handelingsadviezen (what teachers must do), shown in the klassenscan.
create table pupil_needs (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  school_id uuid not null references schools(id),
  pupil_id uuid not null references pupils(id),
  category text not null check (category in ('leren', 'gedrag', 'sociaal_emotioneel', 'thuis', 'gezondheid', 'werkhouding', 'taal', 'anders')),
  description text not null,
  active boolean not null default true,
  created_by uuid not null references users(id),
  created_at timestamptz not null default now(),
  ended_at timestamptz
);
create index pupil_needs_pupil on pupil_needs (pupil_id) where active;

create table handelingsadviezen (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  school_id uuid not null references schools(id),
  pupil_id uuid not null references pupils(id),
  advice text not null,
  -- Where it was decided: a logbook entry, a meeting decision, or (later) an OPP.
  source text not null check (source in ('logbook', 'meeting', 'opp', 'manual')),
  source_id uuid,
  active boolean not null default true,
  created_by uuid not null references users(id),
  created_at timestamptz not null default now(),
  ended_at timestamptz
);
create index handelingsadviezen_pupil on handelingsadviezen (pupil_id) where active;

-- The school's support route: its kinds of meeting, renamable.
create table meeting_kinds (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  school_id uuid not null references schools(id),
  code text not null check (code in ('klassenbespreking', 'leerlingbespreking', 'intern_ot', 'sot', 'sot_plus', 'mt', 'anders')),
  name text not null,
  -- Roles invited by default (e.g. mentor, oco, schoolleider, ondersteuner) and the rhythm in words.
  default_roles text[] not null default '{}',
  rhythm text not null default '',
  position integer not null default 0,
  active boolean not null default true,
  created_at timestamptz not null default now()
);
create index meeting_kinds_school on meeting_kinds (school_id, position);

create table meetings (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  school_id uuid not null references schools(id),
  kind_id uuid not null references meeting_kinds(id),
  starts_at timestamptz not null,
  location text not null default '',
  status text not null default 'planned' check (status in ('planned', 'held', 'cancelled')),
  created_by uuid not null references users(id),
  created_at timestamptz not null default now()
);
create index meetings_school on meetings (school_id, starts_at desc);

create table meeting_attendees (
  partnership_id uuid not null references partnerships(id),
  meeting_id uuid not null references meetings(id),
  user_id uuid not null references users(id),
  primary key (meeting_id, user_id)
);
create index meeting_attendees_user on meeting_attendees (user_id);

-- One pupil on the agenda of a meeting, with what was discussed.
create table meeting_items (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  meeting_id uuid not null references meetings(id),
  pupil_id uuid not null references pupils(id),
  signal_id uuid references signals(id),
  position integer not null default 0,
  summary text not null default '',
  created_at timestamptz not null default now(),
  unique (meeting_id, pupil_id)
);
create index meeting_items_pupil on meeting_items (pupil_id);

create table meeting_decisions (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  item_id uuid not null references meeting_items(id),
  pupil_id uuid not null references pupils(id),
  kind text not null check (kind in ('support_level', 'case_manager', 'make_opp', 'refer_sot_plus', 'refer_partnership', 'handelingsadvies', 'other')),
  -- e.g. 'extra' for support_level, a user id for case_manager, the advice text for handelingsadvies.
  value text not null default '',
  note text not null default '',
  decided_by uuid not null references users(id),
  created_at timestamptz not null default now()
);
create index meeting_decisions_pupil on meeting_decisions (pupil_id, created_at desc);

-- SMART agreements: what, who, by when.
create table agreements (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  school_id uuid not null references schools(id),
  pupil_id uuid references pupils(id),
  meeting_item_id uuid references meeting_items(id),
  what text not null,
  owner_id uuid not null references users(id),
  due_on date not null,
  done_at timestamptz,
  created_by uuid not null references users(id),
  created_at timestamptz not null default now()
);
create index agreements_owner_open on agreements (owner_id, due_on) where done_at is null;
create index agreements_pupil on agreements (pupil_id, due_on);

create table documents (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  school_id uuid not null references schools(id),
  pupil_id uuid not null references pupils(id),
  filename text not null,
  mime_type text not null,
  size_bytes integer not null,
  sha256 text not null,
  category text not null default 'overig',
  -- Stored in the database ('db', content) or a storage folder ('folder', storage_key), behind one interface.
  storage text not null check (storage in ('db', 'folder')),
  content bytea,
  storage_key text,
  uploaded_by uuid not null references users(id),
  created_at timestamptz not null default now(),
  deleted_at timestamptz,
  deleted_by uuid references users(id),
  delete_reason text
);
create index documents_pupil on documents (pupil_id, created_at desc) where deleted_at is null;

-- Imports from the pupil information system: parsed in a background job, previewed, then applied in one transaction.
create table import_jobs (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  school_id uuid not null references schools(id),
  format text not null check (format in ('edexml', 'csv')),
  status text not null default 'queued' check (status in ('queued', 'parsing', 'ready', 'applying', 'applied', 'failed', 'cancelled')),
  progress integer not null default 0,
  total integer not null default 0,
  filename text not null,
  file_sha256 text not null,
  file_content bytea,
  errors jsonb not null default '[]',
  preview jsonb,
  created_by uuid not null references users(id),
  created_at timestamptz not null default now(),
  applied_at timestamptz
);
create index import_jobs_school on import_jobs (school_id, created_at desc);

-- CSV column mapping, remembered per school.
create table import_csv_mappings (
  school_id uuid primary key references schools(id),
  partnership_id uuid not null references partnerships(id),
  mapping jsonb not null,
  updated_by uuid not null references users(id),
  updated_at timestamptz not null default now()
);

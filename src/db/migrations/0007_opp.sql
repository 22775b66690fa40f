-- The OPP (ontwikkelingsperspectiefplan, docs/decisions/0007-opp.md): a plan with versions;
-- every version sent to parents is kept unchanged; parents' and pupil's
-- responses (online or on paper), consultations, evaluations; parent links
-- with one-time codes. Signing rule by age is a partnership setting.

alter table partnerships add column settings jsonb not null default '{}';

create table opps (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  school_id uuid not null references schools(id),
  pupil_id uuid not null references pupils(id),
  kind text not null check (kind in ('full', 'light')),
  status text not null default 'draft' check (status in ('draft', 'with_parents', 'agreed', 'disagreed', 'closed')),
  -- The version being worked on or last sent; earlier versions stay as they were.
  current_version integer not null default 1,
  next_evaluation_on date,
  created_by uuid not null references users(id),
  created_at timestamptz not null default now(),
  closed_at timestamptz,
  closed_reason text
);
create index opps_pupil on opps (pupil_id);
create index opps_school_status on opps (school_id, status);
-- At most one open plan per pupil.
create unique index opps_one_open on opps (pupil_id) where status <> 'closed';

create table opp_versions (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  opp_id uuid not null references opps(id),
  number integer not null,
  kind text not null check (kind in ('full', 'light')),
  content jsonb not null,
  -- Optimistic locking of drafts: a save names the revision it started from.
  revision integer not null default 1,
  status text not null default 'draft' check (status in ('draft', 'with_parents', 'agreed', 'disagreed', 'superseded')),
  updated_by uuid not null references users(id),
  updated_at timestamptz not null default now(),
  sent_at timestamptz,
  agreed_at timestamptz,
  unique (opp_id, number)
);

-- A version that went to the parents is a record: its content never changes again.
create function opp_versions_freeze() returns trigger language plpgsql as $$
begin
  if old.status <> 'draft' and (new.content is distinct from old.content or new.kind is distinct from old.kind) then
    raise exception 'opp version % is no longer a draft and cannot be changed', old.id;
  end if;
  return new;
end $$;
create trigger opp_versions_freeze before update on opp_versions for each row execute function opp_versions_freeze();

-- Op overeenstemming gericht overleg: the conversation with parents (and pupil).
create table opp_consultations (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  opp_id uuid not null references opps(id),
  version_id uuid not null references opp_versions(id),
  held_on date not null,
  participants text not null,
  notes text not null,
  pupil_view text not null default '',
  recorded_by uuid not null references users(id),
  created_at timestamptz not null default now()
);

-- Consent (instemmingsrecht) on the handelingsdeel: agree or disagree, with a comment.
create table opp_responses (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  opp_id uuid not null references opps(id),
  version_id uuid not null references opp_versions(id),
  signer text not null check (signer in ('parent', 'pupil')),
  signer_name text not null,
  decision text not null check (decision in ('agree', 'disagree')),
  comment text not null default '',
  method text not null check (method in ('online', 'paper')),
  -- Paper: the uploaded scan, and who recorded it.
  document_id uuid references documents(id),
  recorded_by uuid references users(id),
  link_id uuid,
  created_at timestamptz not null default now()
);
create index opp_responses_version on opp_responses (version_id);

create table opp_evaluations (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  opp_id uuid not null references opps(id),
  version_id uuid not null references opp_versions(id),
  held_on date not null,
  -- Per goal: achieved / partly / not, with what was seen; per measure: continue / change / stop.
  goal_results jsonb not null,
  measure_results jsonb not null,
  outcome text not null check (outcome in ('new_version', 'close')),
  notes text not null default '',
  created_by uuid not null references users(id),
  created_at timestamptz not null default now()
);
create index opp_evaluations_opp on opp_evaluations (opp_id, held_on desc);

-- A link for a parent or the pupil to read one plan version and respond,
-- confirmed with a one-time code sent to the same address.
create table opp_links (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  opp_id uuid not null references opps(id),
  version_id uuid not null references opp_versions(id),
  signer text not null check (signer in ('parent', 'pupil')),
  name text not null,
  email text not null,
  token_hash text not null unique,
  expires_at timestamptz not null,
  code_hash text,
  code_expires_at timestamptz,
  code_attempts integer not null default 0,
  codes_sent integer not null default 0,
  -- After a correct code: the hash of the short session token the browser holds.
  session_hash text unique,
  session_expires_at timestamptz,
  created_by uuid not null references users(id),
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index opp_links_opp on opp_links (opp_id);

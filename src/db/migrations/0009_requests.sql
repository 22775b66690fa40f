-- Requests to the partnership (docs/decisions/0008-requests.md): arrangements, TLVs, OPDC places and
-- consultations, composed from the dossier, with parents' consent, a thread
-- instead of "return to sender", expert advice, a decision, a TLV register,
-- arrangements with evaluations, and objections.
-- Partnership settings for requests live in partnerships.settings.requests
-- (decision target, DUO registration number, required parts per kind).

-- The partnership's arrangement kinds (name, what it offers, amount or hours,
-- maximum duration, evaluation rhythm, required parts).
create table arrangement_kinds (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  name text not null,
  offers text not null,
  scope text not null check (scope in ('pupil', 'group', 'team')),
  amount_eur numeric(10, 2),
  hours integer,
  max_weeks integer not null,
  evaluation_weeks integer not null,
  required_parts text[] not null default '{}',
  active boolean not null default true,
  created_at timestamptz not null default now(),
  unique (partnership_id, name)
);

create table requests (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  school_id uuid not null references schools(id),
  -- null for an anonymous consultation and for an arrangement for a group or a team.
  pupil_id uuid references pupils(id),
  kind text not null check (kind in ('arrangement', 'tlv', 'opdc', 'consultation')),
  arrangement_kind_id uuid references arrangement_kinds(id),
  -- For a TLV: the kind of school asked for.
  tlv_school_kind text check (tlv_school_kind in ('sbo', 'so', 'vso')),
  -- For a group or team arrangement: who it is for.
  group_description text not null default '',
  status text not null default 'draft'
    check (status in ('draft', 'submitted', 'in_review', 'advice', 'decision', 'decided', 'answered', 'withdrawn')),
  -- What is new for this request; everything the dossier knows is attached, not typed.
  question text not null default '',
  done_already text not null default '',
  expectation text not null default '',
  revision integer not null default 1,
  -- An extension request starts from the previous one.
  previous_request_id uuid references requests(id),
  assigned_to uuid references users(id),
  submitted_at timestamptz,
  decision_due_on date,
  -- Set while the partnership waits for an addition (aanvulling) from the school.
  waiting_since timestamptz,
  waiting_days integer not null default 0,
  decided_at timestamptz,
  created_by uuid not null references users(id),
  created_at timestamptz not null default now(),
  updated_by uuid not null references users(id),
  updated_at timestamptz not null default now()
);
create index requests_queue on requests (partnership_id, status, submitted_at);
create index requests_school on requests (school_id, status);
create index requests_pupil on requests (pupil_id);
create index requests_assigned on requests (assigned_to) where assigned_to is not null;

-- An item from the dossier attached to a request, by reference. At submission
-- its content is copied into `snapshot`, so the partnership reads what was
-- shared, as it was shared.
create table request_attachments (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  request_id uuid not null references requests(id),
  item_type text not null check (item_type in ('opp_version', 'opp_evaluation', 'meeting_item', 'logbook', 'document', 'kwadrant')),
  item_id uuid not null,
  label text not null,
  item_date date not null,
  -- Health data (medical or psychiatric reports): needs explicit consent; removed 3 years after the decision.
  health boolean not null default false,
  snapshot jsonb,
  removed_at timestamptz,
  added_by uuid not null references users(id),
  created_at timestamptz not null default now(),
  unique (request_id, item_type, item_id)
);
create index request_attachments_request on request_attachments (request_id);

-- Parents' (or the pupil's) consent to the request and to sharing each attached item.
create table request_consents (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  request_id uuid not null references requests(id),
  signer text not null check (signer in ('parent', 'pupil')),
  signer_name text not null,
  decision text not null check (decision in ('given', 'refused')),
  -- The attachments this consent covers (health items only when ticked explicitly).
  attachment_ids uuid[] not null default '{}',
  comment text not null default '',
  method text not null check (method in ('online', 'paper')),
  document_id uuid references documents(id),
  link_id uuid,
  recorded_by uuid references users(id),
  created_at timestamptz not null default now()
);
create index request_consents_request on request_consents (request_id);

-- The parent link of a request: read it, consent, and follow it to the decision.
-- Same mechanics as opp_links (platform/parent-links.ts).
create table request_links (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  request_id uuid not null references requests(id),
  signer text not null check (signer in ('parent', 'pupil')),
  name text not null,
  email text not null,
  token_hash text not null unique,
  expires_at timestamptz not null,
  code_hash text,
  code_expires_at timestamptz,
  code_attempts integer not null default 0,
  codes_sent integer not null default 0,
  session_hash text unique,
  session_expires_at timestamptz,
  created_by uuid not null references users(id),
  created_at timestamptz not null default now(),
  revoked_at timestamptz
);
create index request_links_request on request_links (request_id);

-- The thread on a request: messages, and questions for an addition (aanvulling)
-- that keep the request with the partnership while the clock shows the wait.
create table request_messages (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  request_id uuid not null references requests(id),
  author_id uuid not null references users(id),
  side text not null check (side in ('school', 'partnership')),
  kind text not null check (kind in ('message', 'addition_request', 'addition_answer', 'status')),
  body text not null,
  answers_id uuid references request_messages(id),
  answered_at timestamptz,
  created_at timestamptz not null default now()
);
create index request_messages_request on request_messages (request_id, created_at);

-- The experts advising on a TLV (at least two; one an orthopedagoog or psycholoog).
create table request_experts (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  request_id uuid not null references requests(id),
  expert_id uuid not null references users(id),
  discipline text not null check (discipline in ('orthopedagoog', 'psycholoog', 'kinderpsychiater', 'arts', 'maatschappelijk_werker', 'pedagoog', 'anders')),
  advice jsonb,
  advised_at timestamptz,
  assigned_by uuid not null references users(id),
  assigned_at timestamptz not null default now(),
  unique (request_id, expert_id)
);
create index request_experts_expert on request_experts (expert_id);

create table request_decisions (
  request_id uuid primary key references requests(id),
  partnership_id uuid not null references partnerships(id),
  outcome text not null check (outcome in ('granted', 'partly', 'refused')),
  motivation text not null,
  -- Arrangement: amount or hours and period; TLV: kind, period, category, cluster; OPDC: period.
  amount_eur numeric(10, 2),
  hours integer,
  starts_on date,
  ends_on date,
  school_kind text check (school_kind in ('sbo', 'so', 'vso')),
  category smallint check (category in (1, 2, 3)),
  cluster smallint check (cluster between 1 and 4),
  decided_by uuid not null references users(id),
  decided_on date not null,
  created_at timestamptz not null default now()
);

-- The TLV register: numbers run per partnership; DUO is told the number.
create table tlvs (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  request_id uuid not null unique references requests(id),
  pupil_id uuid not null references pupils(id),
  school_id uuid not null references schools(id),
  number integer not null,
  school_kind text not null check (school_kind in ('sbo', 'so', 'vso')),
  category smallint check (category in (1, 2, 3)),
  cluster smallint check (cluster between 1 and 4),
  starts_on date not null,
  ends_on date not null check (ends_on > starts_on),
  created_at timestamptz not null default now(),
  unique (partnership_id, number)
);
create index tlvs_ends on tlvs (partnership_id, ends_on);

-- A granted arrangement or OPDC place: what was committed, to whom, for when; evaluated by the school.
create table arrangements (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  request_id uuid not null unique references requests(id),
  school_id uuid not null references schools(id),
  pupil_id uuid references pupils(id),
  kind text not null check (kind in ('arrangement', 'opdc')),
  arrangement_kind_id uuid references arrangement_kinds(id),
  amount_eur numeric(10, 2),
  hours integer,
  starts_on date not null,
  ends_on date not null check (ends_on > starts_on),
  next_evaluation_on date,
  status text not null default 'running' check (status in ('running', 'ended', 'extended')),
  created_at timestamptz not null default now()
);
create index arrangements_school on arrangements (school_id, starts_on);

create table arrangement_evaluations (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  arrangement_id uuid not null references arrangements(id),
  held_on date not null,
  goals_reached text not null check (goals_reached in ('yes', 'partly', 'no')),
  notes text not null,
  outcome text not null check (outcome in ('continue', 'end', 'extend')),
  created_by uuid not null references users(id),
  created_at timestamptz not null default now()
);

-- An objection (bezwaar) against a decision, followed to its outcome.
create table request_objections (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  request_id uuid not null references requests(id),
  lodged_on date not null,
  lodged_by text not null,
  grounds text not null,
  status text not null default 'open' check (status in ('open', 'upheld', 'rejected', 'withdrawn')),
  committee_advice_on date,
  outcome_on date,
  outcome_notes text not null default '',
  recorded_by uuid not null references users(id),
  created_at timestamptz not null default now()
);
create index request_objections_request on request_objections (request_id);

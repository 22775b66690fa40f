-- Parent access (docs/decisions/0011-parent-access.md): one link table for
-- every subject a parent (or the pupil, from 16) reaches by a link from a
-- mail, keyed by (subject_kind, subject_id). It replaces opp_links and
-- request_links, which had the same columns; their rows move over with their
-- ids (opp_responses.link_id and request_consents.link_id keep pointing at
-- them), token and code hashes, sessions and history, so every link and
-- session a parent holds keeps working.
create table parent_links (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  subject_kind text not null check (subject_kind in ('opp', 'request')),
  subject_id uuid not null,
  -- The subject's row, for the foreign key only: the code reads subject_id.
  opp_id uuid generated always as (case when subject_kind = 'opp' then subject_id end) stored references opps(id),
  request_id uuid generated always as (case when subject_kind = 'request' then subject_id end) stored references requests(id),
  -- An OPP link opens one version of the plan.
  version_id uuid references opp_versions(id),
  -- A request link for a supplement names its items; null: the whole request.
  attachment_ids uuid[],
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
  revoked_at timestamptz,
  check ((subject_kind = 'opp') = (version_id is not null)),
  check (subject_kind = 'request' or attachment_ids is null)
);
create index parent_links_subject on parent_links (subject_kind, subject_id);
create index parent_links_version on parent_links (version_id) where version_id is not null;

insert into parent_links (id, partnership_id, subject_kind, subject_id, version_id, signer, name, email, token_hash, expires_at,
  code_hash, code_expires_at, code_attempts, codes_sent, session_hash, session_expires_at, created_by, created_at, revoked_at)
select id, partnership_id, 'opp', opp_id, version_id, signer, name, email, token_hash, expires_at,
  code_hash, code_expires_at, code_attempts, codes_sent, session_hash, session_expires_at, created_by, created_at, revoked_at
from opp_links;

insert into parent_links (id, partnership_id, subject_kind, subject_id, attachment_ids, signer, name, email, token_hash, expires_at,
  code_hash, code_expires_at, code_attempts, codes_sent, session_hash, session_expires_at, created_by, created_at, revoked_at)
select id, partnership_id, 'request', request_id, attachment_ids, signer, name, email, token_hash, expires_at,
  code_hash, code_expires_at, code_attempts, codes_sent, session_hash, session_expires_at, created_by, created_at, revoked_at
from request_links;

drop table opp_links;
drop table request_links;

-- Row-level security, as for every table with a partnership_id: rows of the
-- tenant only. The parent routes are public: they find the link's
-- partnership by its token or session first, then act as that tenant.
alter table parent_links enable row level security, force row level security;
create policy tenant_isolation on parent_links
  using (partnership_id = nullif(current_setting('app.partnership_id', true), '')::uuid);

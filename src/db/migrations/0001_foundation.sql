-- Foundation: tenants (partnerships), organisation, people, sign-in, audit.
-- Every row with school or pupil data carries partnership_id (the tenant).

create table partnerships (
  id uuid primary key default gen_random_uuid(),
  name text not null,
  sector text not null check (sector in ('po', 'vo')),
  -- DUO's registration number of the samenwerkingsverband, e.g. 'VO2601'.
  registration_number text not null unique,
  created_at timestamptz not null default now()
);

create table boards (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  name text not null,
  -- DUO's bevoegd-gezagnummer: five digits.
  board_number text not null,
  created_at timestamptz not null default now(),
  unique (partnership_id, board_number)
);

create table schools (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  board_id uuid not null references boards(id),
  name text not null,
  -- BRIN: two digits and two capitals, e.g. '12AB'.
  brin text not null check (brin ~ '^[0-9]{2}[A-Z]{2}$'),
  kind text not null check (kind in ('po', 'sbo', 'so', 'vo', 'pro', 'vso', 'opdc', 'rebound')),
  levels text[] not null default '{}',
  -- Only for so/vso: cluster 1-4.
  cluster smallint check (cluster between 1 and 4),
  active boolean not null default true,
  created_at timestamptz not null default now(),
  unique (partnership_id, brin)
);
create index schools_board on schools (board_id);

create table school_locations (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  school_id uuid not null references schools(id),
  name text not null,
  street text not null default '',
  postcode text not null default '',
  city text not null default '',
  created_at timestamptz not null default now()
);
create index school_locations_school on school_locations (school_id);

create table users (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  email text not null,
  name text not null,
  status text not null default 'invited' check (status in ('invited', 'active', 'deactivated')),
  password_hash text,
  failed_attempts integer not null default 0,
  locked_until timestamptz,
  totp_secret text,
  totp_pending_secret text,
  totp_enabled_at timestamptz,
  last_sign_in_at timestamptz,
  created_at timestamptz not null default now()
);
-- One account per address across the platform: sign-in starts from the address.
create unique index users_email on users (lower(email));
create index users_partnership on users (partnership_id);

create table role_assignments (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  user_id uuid not null references users(id),
  role text not null,
  -- null: the role holds for the whole partnership.
  school_id uuid references schools(id),
  created_at timestamptz not null default now()
);
create unique index role_assignments_unique on role_assignments (user_id, role, coalesce(school_id, '00000000-0000-0000-0000-000000000000'));
create index role_assignments_school on role_assignments (school_id);

create table recovery_codes (
  user_id uuid not null references users(id),
  code_hash text not null,
  used_at timestamptz,
  primary key (user_id, code_hash)
);

create table sessions (
  -- sha-256 of the token in the cookie; the token itself is never stored.
  id text primary key,
  user_id uuid not null references users(id),
  mfa_verified boolean not null default false,
  csrf_token text not null,
  ip text,
  user_agent text,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index sessions_user on sessions (user_id);

create table user_tokens (
  token_hash text primary key,
  user_id uuid not null references users(id),
  kind text not null check (kind in ('invite', 'reset')),
  expires_at timestamptz not null,
  used_at timestamptz,
  created_at timestamptz not null default now()
);
create index user_tokens_user on user_tokens (user_id);

create table outbox (
  id bigserial primary key,
  to_address text not null,
  subject text not null,
  text_body text not null,
  html_body text,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  error text
);

create table oidc_providers (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  label text not null,
  issuer text not null,
  client_id text not null,
  client_secret text not null,
  enabled boolean not null default true,
  created_at timestamptz not null default now()
);

create table oidc_logins (
  state text primary key,
  provider_id uuid not null references oidc_providers(id),
  code_verifier text not null,
  nonce text not null,
  created_at timestamptz not null default now()
);

-- The audit log: append-only (the trigger below refuses update and delete,
-- also for the table owner), written in the same transaction as the change.
create table audit_log (
  id bigserial primary key,
  partnership_id uuid references partnerships(id),
  at timestamptz not null default now(),
  actor_user_id uuid references users(id),
  action text not null,
  entity_type text not null,
  entity_id text,
  school_id uuid,
  pupil_id uuid,
  ip text,
  user_agent text,
  details jsonb not null default '{}'
);
create index audit_log_partnership_at on audit_log (partnership_id, at desc);
create index audit_log_actor on audit_log (actor_user_id, at desc);
create index audit_log_pupil on audit_log (pupil_id, at desc) where pupil_id is not null;

create function audit_log_append_only() returns trigger language plpgsql as $$
begin
  raise exception 'audit_log is append-only';
end $$;
create trigger audit_log_no_update before update or delete on audit_log
  for each row execute function audit_log_append_only();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function audit_log_append_only();

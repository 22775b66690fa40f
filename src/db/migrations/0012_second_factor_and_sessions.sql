-- Second factor and sessions (OWASP ASVS 4.0 level 2, V2.8 and V3).

-- A TOTP code is accepted once (RFC 6238 §5.2, ASVS 2.8.4): the last accepted
-- time step, whichever session used it.
alter table users add column totp_last_step bigint;

-- Lockout by address, not by account row: an unknown address is counted and
-- locked exactly like a known one, so the answer never tells them apart
-- (ASVS 2.2.1; no account enumeration). Wrong passwords and wrong codes have
-- their own counters: a correct password does not wipe the wrong codes.
create table sign_in_throttle (
  -- sha-256 of the lower-cased address: typed (possibly unknown) addresses are not kept readable.
  address_hash text primary key,
  password_failures integer not null default 0,
  code_failures integer not null default 0,
  locked_until timestamptz,
  updated_at timestamptz not null default now()
);
insert into sign_in_throttle (address_hash, password_failures, locked_until)
  select encode(sha256(convert_to(lower(email), 'UTF8')), 'hex'), failed_attempts, locked_until
  from users where failed_attempts > 0 or locked_until > now()
  on conflict do nothing;
alter table users drop column failed_attempts, drop column locked_until;

-- An invitation to an address that already has an account in another
-- partnership: the inviting admin sees an invited person as for any new
-- address, the address owner gets a mail saying what to do, and this row can
-- never be accepted or signed in with (one account per address).
alter table users add column email_in_use boolean not null default false;
drop index users_email;
create unique index users_email on users (lower(email)) where not email_in_use;
create index users_email_any on users (lower(email));

-- OpenID Connect: a person is matched on the issuer's stable subject, linked
-- once at the first sign-in by address; a later address at the provider does
-- not move the link to another account.
create table oidc_identities (
  issuer text not null,
  subject text not null,
  user_id uuid not null references users(id),
  created_at timestamptz not null default now(),
  primary key (issuer, subject),
  unique (issuer, user_id)
);

-- Trust the provider's own multi-factor sign-in (amr) instead of asking our TOTP again.
alter table oidc_providers add column trust_idp_mfa boolean not null default false;

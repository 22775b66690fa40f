-- Row-level security, the second wall behind every query's own tenant filter
-- (docs/decisions/0009-row-level-security.md). The app's requests and jobs act
-- as `leerrecht_app`: no owner, no superuser, so the policies below apply to
-- it. Migrations, the seed and the few lookups listed in the ADR run as the
-- owner, who must be superuser or have BYPASSRLS (FORCE makes even the owner
-- subject to the policies otherwise).
--
-- The tenant is the setting app.partnership_id, set per request or job by
-- src/db/tenant.ts. Unset or empty: every tenant table reads empty and takes
-- no row (fail closed). A new table with partnership_id gets, in its own
-- migration:
--   alter table t enable row level security, force row level security;
--   create policy tenant_isolation on t
--     using (partnership_id = nullif(current_setting('app.partnership_id', true), '')::uuid);
-- (tests/integration/row-level-security.test.ts fails for a table without it).

do $$
begin
  if not exists (select 1 from pg_roles where rolname = current_user and (rolsuper or rolbypassrls)) then
    raise exception 'De database-eigenaar % moet superuser zijn of BYPASSRLS hebben (zie docs/decisions/0009-row-level-security.md).', current_user;
  end if;
  -- Roles belong to the whole server: another database on it may have made
  -- this one already, or be making it right now.
  if not exists (select 1 from pg_roles where rolname = 'leerrecht_app') then
    begin
      create role leerrecht_app nologin nosuperuser nobypassrls nocreatedb nocreaterole noinherit;
    exception when duplicate_object or unique_violation then
      null;
    end;
  end if;
  if exists (select 1 from pg_roles where rolname = 'leerrecht_app' and (rolsuper or rolbypassrls)) then
    raise exception 'De rol leerrecht_app mag geen superuser zijn en geen BYPASSRLS hebben.';
  end if;
  -- The owner's connections take the role (SET ROLE needs membership; a superuser has it).
  if not pg_has_role(current_user, 'leerrecht_app', 'member') then
    execute format('grant leerrecht_app to %I', current_user);
  end if;
end $$;

grant usage on schema public to leerrecht_app;
grant select, insert, update, delete on all tables in schema public to leerrecht_app;
grant usage, select on all sequences in schema public to leerrecht_app;
-- Tables and sequences later migrations make (as this same owner) get the same grants.
alter default privileges in schema public grant select, insert, update, delete on tables to leerrecht_app;
alter default privileges in schema public grant usage, select on sequences to leerrecht_app;
revoke all on schema_migrations from leerrecht_app;
-- Append-only for the app as well (the trigger of 0001 says so to everyone).
revoke update, delete on audit_log from leerrecht_app;

-- Every table with partnership_id (except the audit log, below): rows of the
-- tenant only, for reading and writing alike. A table that already has a
-- policy of its own keeps it.
do $$
declare
  t regclass;
begin
  for t in
    select c.oid::regclass
    from pg_class c
    join pg_namespace n on n.oid = c.relnamespace
    join pg_attribute a on a.attrelid = c.oid and a.attname = 'partnership_id' and not a.attisdropped
    where n.nspname = 'public' and c.relkind in ('r', 'p') and c.relname <> 'audit_log'
  loop
    execute format('alter table %s enable row level security, force row level security', t);
    if not exists (select 1 from pg_policy where polrelid = t) then
      execute format($p$create policy tenant_isolation on %s
        using (partnership_id = nullif(current_setting('app.partnership_id', true), '')::uuid)$p$, t);
    end if;
  end loop;
end $$;

-- The audit log: the tenant reads its own rows; an event without a
-- partnership (none known yet) may be written, never read back by the app.
alter table audit_log enable row level security, force row level security;
create policy tenant_read on audit_log for select
  using (partnership_id = nullif(current_setting('app.partnership_id', true), '')::uuid);
create policy tenant_append on audit_log for insert
  with check (partnership_id is null or partnership_id = nullif(current_setting('app.partnership_id', true), '')::uuid);

-- The tenant itself.
alter table partnerships enable row level security, force row level security;
create policy tenant_isolation on partnerships
  using (id = nullif(current_setting('app.partnership_id', true), '')::uuid);

-- Tables without partnership_id whose rows belong to a user or an OIDC
-- provider: visible when the parent row is (whose own policy applies here).
alter table sessions enable row level security, force row level security;
create policy tenant_isolation on sessions using (exists (select 1 from users u where u.id = sessions.user_id));
alter table recovery_codes enable row level security, force row level security;
create policy tenant_isolation on recovery_codes using (exists (select 1 from users u where u.id = recovery_codes.user_id));
alter table user_tokens enable row level security, force row level security;
create policy tenant_isolation on user_tokens using (exists (select 1 from users u where u.id = user_tokens.user_id));
alter table oidc_logins enable row level security, force row level security;
create policy tenant_isolation on oidc_logins using (exists (select 1 from oidc_providers p where p.id = oidc_logins.provider_id));
alter table oidc_identities enable row level security, force row level security;
create policy tenant_isolation on oidc_identities using (exists (select 1 from users u where u.id = oidc_identities.user_id));

-- One account per address across the platform (0012): inviting an address
-- asks whether any partnership has an account with it, and the mail greets
-- its holder by name. The one read across partnerships a staff request
-- makes: a function of the owner that answers that name and nothing else.
create function address_holder(address text) returns text
  language sql stable security definer set search_path = public, pg_catalog
  as $$ select name from users where lower(email) = lower(address) and not email_in_use limit 1 $$;
revoke execute on function address_holder(text) from public;
grant execute on function address_holder(text) to leerrecht_app;

-- Medical documents on a need-to-know basis (AVG art. 9, special-category
-- health data; WPO 18a keeps health data where only those who need it reach
-- it): the school's support team reads them, and the staff members the OCO
-- names for one document. A grant is revoked, never deleted, so who could
-- read what, and when, stays answerable.
create table document_access_grants (
  id uuid primary key default gen_random_uuid(),
  partnership_id uuid not null references partnerships(id),
  document_id uuid not null references documents(id),
  user_id uuid not null references users(id),
  reason text not null default '',
  granted_by uuid not null references users(id),
  granted_at timestamptz not null default now(),
  revoked_by uuid references users(id),
  revoked_at timestamptz
);
create unique index document_access_grants_open on document_access_grants (document_id, user_id) where revoked_at is null;

alter table document_access_grants enable row level security, force row level security;
create policy tenant_isolation on document_access_grants
  using (partnership_id = nullif(current_setting('app.partnership_id', true), '')::uuid);

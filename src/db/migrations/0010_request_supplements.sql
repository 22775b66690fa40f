-- Supplements (nasturen, docs/decisions/0008-requests.md): after submission the school can send more
-- items from the dossier, e.g. in answer to an addition. Such an item waits
-- (shared_at null) until its consent is in and the school sends it; only
-- then does the partnership see it, as it was at that moment.
alter table request_attachments add column shared_at timestamptz;
update request_attachments a set shared_at = r.submitted_at
  from requests r where r.id = a.request_id and r.submitted_at is not null;

-- A message that sent items along lists them.
alter table request_messages add column attachment_ids uuid[] not null default '{}';
alter table request_messages drop constraint request_messages_kind_check;
alter table request_messages add constraint request_messages_kind_check
  check (kind in ('message', 'addition_request', 'addition_answer', 'status', 'supplement'));

-- A link that asks consent for a supplement names its items; null: the whole
-- request (asked before submission) or no consent at all (after the decision).
alter table request_links add column attachment_ids uuid[];

-- OPP reminders (issue: OPP overview and reminders): one row per mail sent,
-- so the daily job never mails the same person about the same thing twice
-- on one day, however often it runs (retries, several app processes).
create table opp_reminders_sent (
  id bigint generated always as identity primary key,
  partnership_id uuid not null references partnerships(id),
  user_id uuid not null references users(id),
  -- e.g. 'evaluation:<opp id>:<due day>', 'overdue:<school id>', 'missing:<school id>'.
  subject_key text not null,
  sent_on date not null,
  created_at timestamptz not null default now(),
  unique (user_id, subject_key, sent_on)
);

-- The import's apply runs as a background job, and leavers' enrolments end on
-- the export's own date instead of the day the import is applied.
alter table import_jobs
  -- The day the export describes (EDEXML peildatum or aanmaakdatum; for a CSV
  -- the date the importer confirmed): open enrolments of pupils missing from
  -- the file end on it.
  add column reference_date date,
  -- Who asked to apply (partnership, user, ip, user agent): the actor of the
  -- audit rows the background job writes with the change.
  add column apply_actor jsonb,
  -- Why applying failed, in Dutch; nothing of the school changed then.
  add column apply_error text;

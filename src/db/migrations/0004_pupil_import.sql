-- Pupil import (EDEXML 2.1 and CSV): what a parsed file holds until it is
-- applied, and the state of the school it was compared with.

alter table import_jobs
  -- The normalised pupils of the file, BSN included: needed only to apply. Wiped
  -- (with file_content) once the job is applied, cancelled or has failed.
  add column records jsonb,
  -- md5 over the school's pupils, open enrolments and classes when the preview
  -- was made: apply refuses when it no longer matches (the school changed since).
  add column fingerprint text,
  -- The school year the preview places pupils in (classes are per school year).
  add column school_year text;

create index import_jobs_partnership on import_jobs (partnership_id);
create index pupils_bsn on pupils (school_id, bsn) where bsn is not null;

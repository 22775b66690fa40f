-- Fast pupil search by any part of the name or the pupil number: a trigram
-- index on one lower-cased search text (pg_trgm is a trusted extension, so
-- the database owner may create it).
create extension if not exists pg_trgm;
alter table pupils add column search_text text generated always as (
  lower(first_name || ' ' || case when name_prefix = '' then '' else name_prefix || ' ' end || last_name || ' ' || student_number)
) stored;
create index pupils_search on pupils using gin (search_text gin_trgm_ops);

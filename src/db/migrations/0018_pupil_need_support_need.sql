-- A pupil's need named against the partnership's list of support needs
-- (0017), so the dekkend-aanbod gap map can count demand per need beside
-- what the schools' profiles offer for that same need. Optional: the
-- school's own category and words stay what the mentor reads; older needs
-- have none. Same table, so its row-level security is unchanged.
alter table pupil_needs add column support_need_id uuid references support_needs(id);
create index pupil_needs_support_need on pupil_needs (support_need_id) where support_need_id is not null;

-- An OPDC place (OZA) is temporary and aims at the pupil's return to the own
-- school, which keeps responsibility: the school states the return goal.
alter table requests add column return_goal text not null default '';

-- The PMO's health of one project for the month, with why (a new row: the latest of a month wins).
insert into health_overrides (period, project_id, health, justification, set_by, set_at)
values ($period, $project_id, $health, $justification, $user, $at)

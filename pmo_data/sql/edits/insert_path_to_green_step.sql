-- One step of an editor's path to green of one project and month.
insert into path_to_green (period, project_id, action, owner, target_date, origin, written_by, written_at)
values ($period, $project_id, $action, $owner, $target_date, 'editor', $user, $at)

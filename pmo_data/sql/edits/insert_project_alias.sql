-- Maps (or maps again) an entry's project ID to a registered project.
insert or replace into project_aliases (alias, project_id, set_by, set_at)
values ($alias, $project_id, $set_by, $set_at)

-- The entries' project IDs the PMO mapped to registered projects, newest first.
select alias, project_id, set_by, set_at from project_aliases order by set_at desc, alias

-- The project an entry's ID means: the registered project the PMO mapped it to (project_aliases,
-- set on the Data page), else the ID itself. Every staging view of entries reads its IDs through this.
create or replace macro resolved_project(entry_project_id) as
    coalesce((select a.project_id from project_aliases a where a.alias = entry_project_id), entry_project_id)

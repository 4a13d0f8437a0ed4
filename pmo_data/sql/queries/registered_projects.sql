-- The projects a month's register (and trackers) name: what entries of other files must point at;
-- and the IDs the PMO mapped to one of them (project_aliases), which resolve to it.
with registered as (
    select distinct project_id from stg_projects where period = $period
)

select project_id from registered
union
select alias from project_aliases where project_id in (select project_id from registered)

-- What changed since the previous month for the filtered projects, as minutes: grouped by
-- project, the project with the most important change first, each project's lines by importance;
-- people (shown when they work on one of the projects) in a group of their own at the end.
with scoped as (
    select project_id from selected_projects($period, $portfolios, $programs, $departments, $managers, $health)
),

people as (
    select resource_name from stg_allocations where period = $period and project_id in (select project_id from scoped)
),

shown as (
    select c.*, min(c.importance) over (partition by c.project_id) as group_importance
    from kpi_changes c
    where c.period = $period
      and (c.project_id in (select project_id from scoped)
           or (c.project_id is null and c.subject in (select resource_name from people)))
)

select project_id, project_name, importance, kind, change_type, item_id, subject, before, after, reason, description, items
from shown
order by project_id is null, group_importance, project_id, importance, change_type, subject

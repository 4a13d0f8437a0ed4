-- What changed since the previous month, for the filtered projects (people changes are shown
-- when a person works on one of them).
with scoped as (
    select project_id from selected_projects($period, $portfolios, $programs, $departments, $managers, $health)
)

select c.change_type, c.project_id, c.subject, c.description
from kpi_changes c
where c.period = $period
  and (
      c.project_id in (select project_id from scoped)
      or (c.project_id is null and c.subject in (
          select resource_name from stg_allocations where period = $period and project_id in (select project_id from scoped)
      ))
  )
order by c.rank, c.project_id, c.subject

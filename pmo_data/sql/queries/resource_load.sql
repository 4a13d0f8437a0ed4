-- Person × plan month load in one month's plan, for people working on the filtered projects.
select l.*
from kpi_resource_load l
where l.period = $period
  and l.resource_name in (
      select resource_name from stg_allocations
      where period = $period and project_id in (
          select project_id from selected_projects($period, $portfolios, $programs, $departments, $managers, $health)
      )
  )
order by l.resource_name, l.month

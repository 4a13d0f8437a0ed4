-- The filtered projects' open risks most exposed first (then by score): the "top risks" the
-- Risks page and the deck show.
select r.*
from kpi_risks r
where r.period = $period and r.status = 'open' and r.kind = 'risk' and r.repeat_of is null
  and r.project_id in (
      select project_id from selected_projects($period, $portfolios, $programs, $departments, $managers, $health)
  )
order by r.exposure desc nulls last, r.score desc nulls last, r.risk_id
limit $count

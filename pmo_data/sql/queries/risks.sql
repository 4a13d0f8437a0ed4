-- Risks and issues of the filtered projects in one month, most exposed first; optionally only
-- one kind, one cell of the matrix ($probability, $impact) and only open ones.
select r.*
from kpi_risks r
where r.period = $period
  and r.project_id in (
      select project_id from selected_projects($period, $portfolios, $programs, $departments, $managers, $health)
  )
  and ($probability is null or r.probability = $probability)
  and ($impact is null or r.impact = $impact)
  and (not $open_only or r.status = 'open')
  and ($kind is null or r.kind = $kind)
order by r.status desc, r.score desc nulls last, r.exposure desc nulls last, r.risk_id

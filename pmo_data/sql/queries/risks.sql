-- Risks and issues of the filtered projects in one month, most exposed first; optionally only
-- one kind, some cells of the matrix ($cells: 'probability,impact' pairs), some bands and only open ones.
select r.*
from kpi_risks r
where r.period = $period
  and r.project_id in (
      select project_id from selected_projects($period, $portfolios, $programs, $departments, $managers, $health)
  )
  -- the cells and the bands picked add up: a risk in any of them
  and (
      ($cells is null and $bands is null)
      or coalesce(list_contains($cells, r.probability || ',' || r.impact), false)
      or coalesce(list_contains($bands, r.band), false)
  )
  and (not $open_only or r.status = 'open')
  -- what is counted (open risks, a cell, a band) lists a risk entered twice once, as the matrix counts it;
  -- the whole register lists every entry, each repeat naming the entry it repeats (repeat_of)
  and (r.repeat_of is null or (not $open_only and $cells is null and $bands is null))
  and ($kind is null or r.kind = $kind)
order by r.status desc, r.score desc nulls last, r.exposure desc nulls last, r.risk_id

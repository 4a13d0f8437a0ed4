-- Open risks of the filtered projects per band, every band listed (a risk scored without
-- probability and impact counts too, unlike in the matrix).
select b.band, count(r.risk_id) as risks
from cfg_risk_bands b
left join kpi_risks r
    on r.band = b.band and r.period = $period and r.status = 'open' and r.kind = 'risk' and r.repeat_of is null
   and r.project_id in (
       select project_id from selected_projects($period, $portfolios, $programs, $departments, $managers, $health)
   )
group by b.band, b.max_score
order by b.max_score desc

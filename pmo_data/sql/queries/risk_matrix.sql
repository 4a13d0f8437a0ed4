-- The 5×5 matrix of open risks of the filtered projects in one month: every cell, empty ones too.
with cells as (
    select probability, impact from range(1, 6) p(probability), range(1, 6) i(impact)
),

risks as (
    select r.*
    from kpi_risks r
    where r.period = $period and r.status = 'open' and r.kind = 'risk' and r.repeat_of is null
      and r.project_id in (
          select project_id from selected_projects($period, $portfolios, $programs, $departments, $managers, $health)
      )
)

select
    cells.probability::integer as probability,
    cells.impact::integer as impact,
    (cells.probability * cells.impact)::integer as score,
    (select b.band from cfg_risk_bands b where cells.probability * cells.impact <= b.max_score order by b.max_score limit 1) as band,
    count(risks.risk_id) as risk_count,
    sum(risks.exposure) as exposure
from cells
left join risks on risks.probability = cells.probability and risks.impact = cells.impact
group by cells.probability, cells.impact
order by cells.probability desc, cells.impact

-- Planned value, earned value and actual cost month by month up to the month asked for (the
-- S-curve), from each month's snapshot: of one project ($project_id), else summed over the
-- projects the filters select in that month. SPI and CPI are the ratios of the sums.
with selected as (
    select project_id
    from selected_projects($period, $portfolios, $programs, $departments, $managers, $health)
    where $project_id is null or project_id = $project_id
)

select
    period,
    any_value(status_date) as status_date,
    count(*) as projects,
    sum(bac) as bac,
    sum(pv) as pv,
    sum(ev) as ev,
    sum(ac) as ac,
    sum(ev) / nullif(sum(pv), 0) as spi,
    sum(ev) / nullif(sum(ac), 0) as cpi
from kpi_project_health
where period <= $period and project_id in (select project_id from selected)
group by period
order by period

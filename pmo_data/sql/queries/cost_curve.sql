-- Planned value, earned value and actual cost month by month up to the month asked for (the
-- S-curve), from each month's snapshot: of one project ($project_id), else summed over the
-- projects the filters select in that month. SPI and CPI are the ratios of the sums.
-- All three are cumulative to each status date (ANSI/EIA-748: PV = BCWS, EV = BCWP, AC = ACWP).
-- AC is the snapshot's actual cost, the one the CPI of kpi_project_health divides by; a project
-- whose snapshot has none takes the actuals of that month's cost ledger (stg_costs) spent up to
-- the status date, so a plan kept only as a ledger still draws its AC line.
with selected as (
    select project_id
    from selected_projects($period, $portfolios, $programs, $departments, $managers, $health)
    where $project_id is null or project_id = $project_id
),

ledger as (
    select c.period, c.project_id, sum(c.amount) as ac
    from stg_costs c
    join stg_periods p using (period)
    where c.cost_type = 'actual' and c.month <= p.status_date
    group by c.period, c.project_id
),

months as (
    select h.period, h.status_date, h.bac, h.pv, h.ev, coalesce(h.ac, l.ac) as ac
    from kpi_project_health h
    left join ledger l using (period, project_id)
    where h.period <= $period and h.project_id in (select project_id from selected)
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
from months
group by period
order by period

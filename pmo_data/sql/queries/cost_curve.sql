-- Planned value, earned value and actual cost month by month up to the month asked for (the
-- S-curve), from each month's snapshot: of one project ($project_id), else summed over the
-- projects the filters select in that month. SPI and CPI are the ratios of the sums.
-- All three are cumulative to each status date (ANSI/EIA-748: PV = BCWS, EV = BCWP, AC = ACWP).
-- AC is kpi_project_health's, the one its CPI and the cards divide by (the register's actual cost,
-- else the month's cost ledger's actuals to the status date), so the curve's last point is the
-- cards' figure.
with selected as (
    select project_id
    from selected_projects($period, $portfolios, $programs, $departments, $managers, $health)
    where $project_id is null or project_id = $project_id
),

months as (
    select h.period, h.status_date, h.bac, h.pv, h.ev, h.ac
    from kpi_project_health h
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
    -- the cards' definition (portfolio_cards): each ratio over the projects that have both figures
    sum(ev) filter (where pv is not null) / nullif(sum(pv) filter (where ev is not null), 0) as spi,
    sum(ev) filter (where ac is not null) / nullif(sum(ac) filter (where ev is not null), 0) as cpi
from months
group by period
order by period

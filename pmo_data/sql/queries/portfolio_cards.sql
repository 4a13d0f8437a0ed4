-- The portfolio's totals for the filtered projects, this month and the previous loaded month: the
-- one definition of every cross-project figure (cards, deck, exports, `kpis`, golden tests).
-- SPI and CPI are the budget-weighted roll-up of ANSI/EIA-748: ΣEV / ΣPV and ΣEV / ΣAC over the
-- projects that have both figures (medians stay as a second view).
with months as (
    select period, previous_period from stg_periods where period = $period
),

scoped as (
    select h.*
    from selected_projects(null, $portfolios, $programs, $departments, $managers, $health) h
    where h.period in (select period from months union all select previous_period from months)
),

people as (
    select l.period, count(distinct l.resource_name) as over_allocated_people
    from kpi_resource_load l
    join stg_allocations a using (period, resource_name, month)
    where l.in_horizon and l.load_band = 'over-allocated'
      and (a.period, a.project_id) in (select (period, project_id) from scoped)
    group by l.period
),

figures as (
    select
        period,
        count(*) as projects,
        count(*) filter (where health = 'green') as green,
        count(*) filter (where health = 'amber') as amber,
        count(*) filter (where health = 'red') as red,
        count(*) filter (where health = 'grey') as grey,
        count(*) filter (where not_started) as not_started,
        count(*) filter (where no_update) as no_update,
        count(*) filter (where watermelon) as watermelons,
        sum(bac) as budget,
        sum(ac) as actual_cost,
        sum(eac) as eac,
        -- a forecast is compared with the budgets of the same projects: those that have one
        count(*) filter (where eac is not null) as projects_with_eac,
        sum(bac) filter (where eac is not null) as budget_with_eac,
        100.0 * (sum(eac) - sum(bac) filter (where eac is not null)) / nullif(sum(bac) filter (where eac is not null), 0)
            as eac_overrun_pct,
        sum(ev) filter (where pv is not null) / nullif(sum(pv) filter (where ev is not null), 0) as spi,
        sum(ev) filter (where ac is not null) / nullif(sum(ac) filter (where ev is not null), 0) as cpi,
        median(spi) as median_spi,
        median(cpi) as median_cpi,
        sum(open_critical_risks)::integer as open_critical_risks
    from scoped
    group by period
),

with_people as (
    select f.*, coalesce(p.over_allocated_people, 0) as over_allocated_people
    from figures f
    left join people p using (period)
)

select
    cur.*,
    cur.period = $period as is_current,
    cur.red - prev.red as red_delta,
    cur.watermelons - prev.watermelons as watermelons_delta,
    cur.spi - prev.spi as spi_delta,  -- unrounded: each output rounds once, as it shows it
    cur.cpi - prev.cpi as cpi_delta,
    cur.open_critical_risks - prev.open_critical_risks as open_critical_risks_delta,
    cur.over_allocated_people - prev.over_allocated_people as over_allocated_people_delta
from with_people cur
left join with_people prev on prev.period = (select previous_period from months) and cur.period = $period
order by cur.period desc

-- The headline figures for the filtered projects, this month and the previous loaded month.
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

risks as (
    select r.period, count(*) as open_critical_risks
    from kpi_risks r
    where r.status = 'open' and r.kind = 'risk' and r.band = 'Critical'
      and (r.period, r.project_id) in (select (period, project_id) from scoped)
    group by r.period
),

figures as (
    select
        period,
        count(*) as projects,
        count(*) filter (where health = 'green') as green,
        count(*) filter (where health = 'amber') as amber,
        count(*) filter (where health = 'red') as red,
        count(*) filter (where health = 'grey') as grey,
        count(*) filter (where watermelon) as watermelons,
        sum(bac) as budget,
        sum(ac) as actual_cost,
        sum(eac) as eac,
        median(spi) as median_spi,
        median(cpi) as median_cpi
    from scoped
    group by period
)

select
    f.*,
    coalesce(r.open_critical_risks, 0) as open_critical_risks,
    coalesce(p.over_allocated_people, 0) as over_allocated_people,
    f.period = $period as is_current
from figures f
left join risks r using (period)
left join people p using (period)
order by f.period desc

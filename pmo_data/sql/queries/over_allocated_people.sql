-- People over-allocated within the horizon in one month's plan, with the months and the projects
-- that load them; limited to people working on the filtered projects.
with scoped as (
    select project_id from selected_projects($period, $portfolios, $programs, $departments, $managers, $health)
),

over as (
    select *
    from kpi_resource_load
    where period = $period and in_horizon and load_band = 'over-allocated'
      and resource_name in (select resource_name from stg_allocations where period = $period
                            and project_id in (select project_id from scoped))
),

loads as (
    select a.resource_name, a.project_id, sum(a.planned_hours) as hours
    from stg_allocations a
    join over o on o.resource_name = a.resource_name and o.month = a.month and o.period = a.period
    group by all
)

select
    o.resource_name,
    any_value(o.team) as team,
    any_value(o.role) as role,
    max(o.utilisation_pct) as peak_utilisation_pct,
    arg_max(o.month, o.utilisation_pct) as peak_month,
    string_agg(strftime(o.month, '%b %Y'), ', ' order by o.month) as months_over,
    (select string_agg(l.project_id || ' (' || round(l.hours)::integer || ' h)', ', ' order by l.hours desc)
     from loads l where l.resource_name = o.resource_name) as projects
from over o
group by o.resource_name
order by peak_utilisation_pct desc, o.resource_name

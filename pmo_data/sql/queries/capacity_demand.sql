-- Capacity against demand per team (or role, or 'all' together) and plan month in one month's plan, for the people
-- working on the filtered projects; with no filter, everyone on the roster. Capacity is each
-- person's whole capacity and demand all their planned hours (the people's load, whatever the
-- project), so a filter narrows whose load is shown, never splits a person.
with unfiltered as (
    select $portfolios is null and $programs is null and $departments is null and $managers is null and $health is null as yes
),

people as (
    select l.*
    from kpi_resource_load l
    where l.period = $period
      and ((select yes from unfiltered) or l.resource_name in (
          select resource_name from stg_allocations
          where period = $period and project_id in (
              select project_id from selected_projects($period, $portfolios, $programs, $departments, $managers, $health)
          )
      ))
)

select
    case $group_type
        when 'all' then 'everyone'
        when 'role' then coalesce(role, '(unassigned)')
        else coalesce(team, '(unassigned)')
    end as group_name,
    month,
    count(distinct resource_name) as people,
    sum(capacity_hours) as capacity_hours,
    sum(planned_hours) as demand_hours,
    round(100.0 * sum(planned_hours) / nullif(sum(capacity_hours), 0), 1) as utilisation_pct,
    count(distinct resource_name) filter (where load_band = 'over-allocated') as over_allocated_people
from people
group by all
order by group_name, month

-- Capacity against demand per team and per role, plan month and reporting month.
with load as (select * from kpi_resource_load),

final as (
    select
        period,
        case when grouping(team) = 0 then 'team' else 'role' end as group_type,
        coalesce(case when grouping(team) = 0 then team else role end, '(unassigned)') as group_name,
        month,
        count(distinct resource_name) as people,
        sum(capacity_hours) as capacity_hours,
        sum(planned_hours) as demand_hours,
        round(100.0 * sum(planned_hours) / nullif(sum(capacity_hours), 0), 1) as utilisation_pct,
        count(distinct resource_name) filter (where load_band = 'over-allocated') as over_allocated_people
    from load
    group by grouping sets ((period, team, month), (period, role, month))
)

select * from final

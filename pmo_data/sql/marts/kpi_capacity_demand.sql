-- Capacity against demand per team and per role, plan month and reporting month.
with load as (select * from kpi_resource_load),

grouped as (
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
),

final as (
    select cur.*, prev.utilisation_pct as previous_utilisation_pct
    from grouped cur
    join stg_periods periods using (period)
    left join grouped prev
        on prev.period = periods.previous_period and prev.group_type = cur.group_type
       and prev.group_name = cur.group_name and prev.month = cur.month
)

select * from final

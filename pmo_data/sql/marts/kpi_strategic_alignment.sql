-- Per month and strategic objective: projects, budget and its share of the portfolio, EAC,
-- health mix and planned people-hours. Projects serving no objective are grouped as 'Unaligned'.
with health as (select * from kpi_project_health),

hours as (
    select period, project_id, sum(planned_hours) as planned_hours
    from stg_allocations
    group by all
),

by_objective as (
    select
        h.period,
        coalesce(h.strategic_objective, 'Unaligned') as strategic_objective,
        h.strategic_objective is null as unaligned,
        count(*) as projects,
        sum(h.bac) as budget,
        round(100.0 * sum(h.bac) / nullif(sum(sum(h.bac)) over (partition by h.period), 0), 1) as budget_share_pct,
        sum(h.eac) as eac,
        count(*) filter (where h.health = 'green') as green,
        count(*) filter (where h.health = 'amber') as amber,
        count(*) filter (where h.health = 'red') as red,
        count(*) filter (where h.health = 'grey') as grey,
        coalesce(sum(hours.planned_hours), 0) as planned_hours
    from health h
    left join hours using (period, project_id)
    group by h.period, h.strategic_objective
),

final as (
    select
        cur.*,
        cur.budget - prev.budget as budget_delta,
        cur.red - prev.red as red_delta
    from by_objective cur
    join stg_periods periods using (period)
    left join by_objective prev
        on prev.period = periods.previous_period and prev.strategic_objective = cur.strategic_objective
)

select * from final

-- What falls due in the next $days days after the month's status date, across the filtered
-- projects: open milestones and stage gates not yet held, by their forecast date (one with none
-- by its planned date: a milestone with no forecast is still coming), soonest first.
with scoped as (
    select * from selected_projects($period, $portfolios, $programs, $departments, $managers, $health)
),

items as (
    select 'milestone' as kind, m.project_id, m.task_id as item_id, m.name, m.baseline_finish as baseline_date,
           coalesce(m.forecast_finish, m.baseline_finish) as forecast_date, p.status_date
    from kpi_milestone_trend m
    join stg_periods p using (period)
    where m.period = $period and m.status_category <> 'done'
    union all
    select 'gate', g.project_id, g.gate, g.gate, g.planned_date, coalesce(g.forecast_date, g.planned_date), p.status_date
    from stg_gates g
    join stg_periods p using (period)
    where g.period = $period and coalesce(g.status, 'planned') = 'planned'
)

select
    i.kind,
    i.project_id,
    s.project_name,
    s.program,
    s.manager,
    i.item_id,
    i.name,
    i.baseline_date,
    i.forecast_date,
    date_diff('day', i.status_date, i.forecast_date) as days_until,
    date_diff('day', i.baseline_date, i.forecast_date) as slip_days
from items i
join scoped s using (project_id)
where i.forecast_date > i.status_date and i.forecast_date <= i.status_date + $days::integer
order by i.forecast_date, i.project_id, i.kind, i.item_id

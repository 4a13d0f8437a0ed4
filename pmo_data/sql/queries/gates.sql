-- The stage gates of the filtered projects in one month: where each stands at the status date
-- (passed, failed, overdue: not held and its date passed, due: not held and falling in the next
-- $days days, later), how far its forecast (or actual) date slipped from the planned one, and how
-- far it moved since the previous month.
with scoped as (
    select * from selected_projects($period, $portfolios, $programs, $departments, $managers, $health)
),

dated as (
    select g.*, p.status_date, p.previous_period, coalesce(g.forecast_date, g.planned_date) as expected_date
    from stg_gates g
    join stg_periods p using (period)
    where g.period = $period
)

select
    d.project_id,
    s.project_name,
    s.manager,
    d.gate,
    d.phase,
    d.planned_date,
    d.forecast_date,
    d.status,
    case
        when d.status in ('passed', 'failed') then d.status
        when d.expected_date < d.status_date then 'overdue'
        when d.expected_date <= d.status_date + $days::integer then 'due'
        else 'later'
    end as state,
    date_diff('day', d.planned_date, d.expected_date) as slip_days,
    coalesce(d.expected_date > d.planned_date, false) as slipped,
    date_diff('day', coalesce(prev.forecast_date, prev.planned_date), d.expected_date) as moved_days
from dated d
join scoped s using (project_id)
left join stg_gates prev on prev.period = d.previous_period and prev.project_id = d.project_id and prev.gate = d.gate
order by d.expected_date nulls last, d.project_id, d.gate

-- Milestone trend analysis: each milestone's forecast date in each reporting month, its slip
-- against baseline and how far it moved since the previous month.
with milestones as (select * from model_milestones),

final as (
    select
        cur.period,
        cur.project_id,
        cur.task_id,
        cur.name,
        cur.baseline_finish,
        cur.forecast_finish,
        cur.status_category,
        cur.milestone_state,
        cur.slip_days,
        cur.overdue_days,
        periods.previous_period,
        prev.forecast_finish as previous_forecast_finish,
        date_diff('day', prev.forecast_finish, cur.forecast_finish) as moved_days
    from milestones cur
    join stg_periods periods using (period)
    left join model_milestones prev
        on prev.period = periods.previous_period and prev.project_id = cur.project_id and prev.task_id = cur.task_id
)

select * from final

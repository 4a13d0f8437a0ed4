-- Every milestone per month with where it stands at the status date.
with milestones as (
    select t.*, coalesce(d.status_date, p.status_date) as status_date  -- the project's own status date
    from stg_tasks t
    join stg_periods p using (period)
    left join stg_project_status_dates d using (period, project_id)
    where t.is_milestone
),

final as (
    select
        period,
        project_id,
        task_id,
        name,
        baseline_finish,
        finish_date as forecast_finish,
        status_category,
        status_date,
        date_diff('day', baseline_finish, finish_date) as slip_days,
        case
            when status_category = 'done' and finish_date > baseline_finish then 'done late'
            when status_category = 'done' then 'done'
            when coalesce(finish_date, baseline_finish) < status_date then 'overdue'
            when finish_date > baseline_finish then 'late'
            else 'on time'
        end as milestone_state,
        case
            when status_category <> 'done' and coalesce(finish_date, baseline_finish) < status_date
                then date_diff('day', coalesce(finish_date, baseline_finish), status_date)
        end as overdue_days
    from milestones
)

select * from final

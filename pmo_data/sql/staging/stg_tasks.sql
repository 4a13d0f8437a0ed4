-- Tasks and milestones of every source, with a status category every row has
-- (an unmapped status counts by its percent complete), and a baseline start every planned task
-- has: the source's, else the start the task had in the first month it was loaded (so moving a
-- task later never moves its planned value later).
with tasks as (select * replace (resolved_project(project_id) as project_id) from tasks),

first_starts as (
    -- the start each task had in the first month it was loaded (a hash aggregate: no sort of every row)
    select project_id, task_id, arg_min(start_date, period) as first_start
    from tasks
    where start_date is not null
    group by project_id, task_id
),

final as (
    select
        period,
        project_id,
        task_id,
        parent_task_id,
        name,
        task_type,
        is_milestone,
        is_summary,
        status,
        coalesce(
            status_category,
            case when percent_complete >= 100 then 'done' when percent_complete > 0 then 'in_progress' else 'todo' end
        ) as status_category,
        assignee,
        start_date,
        finish_date,
        coalesce(baseline_start, f.first_start) as baseline_start,
        case when baseline_start is not null then 'baseline' when f.first_start is not null then 'first loaded start' end
            as baseline_start_source,
        baseline_finish,
        percent_complete,
        estimate_hours,
        actual_hours,
        remaining_hours
    from tasks
    left join first_starts f using (project_id, task_id)
)

select * from final

-- Tasks and milestones of every source, with a status category every row has
-- (an unmapped status counts by its percent complete).
with tasks as (select * from tasks),

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
        baseline_finish,
        percent_complete,
        estimate_hours,
        actual_hours,
        remaining_hours
    from tasks
)

select * from final

-- Per project and month: milestone counts by state and the most overdue one.
with milestones as (select * from model_milestones),

final as (
    select
        period,
        project_id,
        count(*) as milestones_total,
        count(*) filter (where milestone_state = 'done') as milestones_done,
        count(*) filter (where milestone_state = 'done late') as milestones_done_late,
        count(*) filter (where milestone_state = 'late') as milestones_late,
        count(*) filter (where milestone_state = 'overdue') as milestones_overdue,
        count(*) filter (where milestone_state = 'on time') as milestones_on_time,
        max(overdue_days) as max_milestone_overdue_days,
        arg_max(name, overdue_days) filter (where overdue_days is not null) as most_overdue_milestone
    from milestones
    group by period, project_id
)

select * from final

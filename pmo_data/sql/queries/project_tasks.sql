-- One project's tasks and milestones in one month, in plan order, for its timeline.
select
    task_id, parent_task_id, name, is_milestone, is_summary, status, status_category, assignee,
    start_date, finish_date, baseline_finish, percent_complete
from stg_tasks
where period = $period and project_id = $project_id
order by coalesce(start_date, finish_date, baseline_finish), task_id

-- Milestone trend analysis of one project: every milestone's forecast in every loaded month.
select *
from kpi_milestone_trend
where project_id = $project_id
order by task_id, period

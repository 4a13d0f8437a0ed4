-- Milestone trend analysis of one project: every milestone's forecast in every loaded month up to
-- the month asked for.
select *
from kpi_milestone_trend
where project_id = $project_id and period <= $period
order by task_id, period

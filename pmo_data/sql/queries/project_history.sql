-- One project's health row in every loaded month up to the month asked for.
select *
from kpi_project_health
where project_id = $project_id and period <= $period
order by period

-- One project's health row in every loaded month.
select *
from kpi_project_health
where project_id = $project_id
order by period

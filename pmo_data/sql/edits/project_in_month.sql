-- Whether the project is in the portfolio of the month an editor writes for (1 or 0).
select count(*) from kpi_project_health where period = $period and project_id = $project_id

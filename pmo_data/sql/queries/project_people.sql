-- People planned on one project in one month's plan: hours on it and their overall load, per plan month.
select
    a.resource_name,
    l.team,
    l.role,
    a.month,
    a.planned_hours as hours_on_project,
    l.planned_hours as hours_all_projects,
    l.utilisation_pct,
    l.load_band
from stg_allocations a
left join kpi_resource_load l using (period, resource_name, month)
where a.period = $period and a.project_id = $project_id
order by a.resource_name, a.month

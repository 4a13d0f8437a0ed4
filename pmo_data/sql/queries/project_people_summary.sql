-- People planned on one project from the reporting month on: their hours on it and the peak of
-- their load across all projects.
select
    a.resource_name,
    l.role,
    sum(a.planned_hours) as hours_on_project,
    max(l.utilisation_pct) as peak_load
from stg_allocations a
left join kpi_resource_load l using (period, resource_name, month)
where a.period = $period and a.project_id = $project_id and a.month >= $period
group by all
order by a.resource_name

-- What loads some people from the reporting month on: each project and plan month with the hours
-- planned on it, beside the person's load that month across all projects.
select
    a.resource_name,
    a.project_id,
    p.project_name,
    a.month,
    sum(a.planned_hours) as planned_hours,
    max(l.utilisation_pct) as utilisation_pct
from stg_allocations a
left join kpi_project_health p on p.period = a.period and p.project_id = a.project_id
left join kpi_resource_load l on l.period = a.period and l.resource_name = a.resource_name and l.month = a.month
where a.period = $period and list_contains($people, a.resource_name) and a.month >= $period
group by all
order by a.resource_name, a.month, planned_hours desc, a.project_id

-- The dependencies of the RAID log in one month (carried month to month) where either end is a
-- filtered project: who depends on whom (`depends_on_project_id`: the project the log names, by
-- its id or its name; empty for a dependency outside the portfolio), and the open ones overdue
-- (`state`: open, overdue or closed).
with scoped as (
    select * from selected_projects($period, $portfolios, $programs, $departments, $managers, $health)
),

projects as (
    select project_id, project_name from kpi_project_health where period = $period
),

linked as (
    select
        d.*,
        coalesce(by_id.project_id, by_name.project_id) as depends_on_project_id,
        coalesce(by_id.project_name, by_name.project_name) as depends_on_project_name
    from stg_risks_carried d
    left join projects by_id on by_id.project_id = d.depends_on_project
    left join projects by_name on by_id.project_id is null and lower(by_name.project_name) = lower(d.depends_on_project)
    where d.period = $period and d.kind = 'dependency'
)

select
    l.project_id,
    p.project_name,
    l.risk_id as dependency_id,
    l.title as dependency,
    l.depends_on_project,
    l.depends_on_project_id,
    l.depends_on_project_name,
    coalesce(l.depends_on_project_id is not null and l.depends_on_project_id <> l.project_id, false) as cross_project,
    l.owner,
    l.due_date,
    l.status,
    case when l.status = 'open' and l.due_date < l.status_date then 'overdue' else l.status end as state,
    coalesce(l.status = 'open' and l.due_date < l.status_date, false) as overdue,
    case when l.status = 'open' and l.due_date < l.status_date then date_diff('day', l.due_date, l.status_date) end
        as days_overdue,
    l.carried_from
from linked l
left join projects p using (project_id)
where l.project_id in (select project_id from scoped) or l.depends_on_project_id in (select project_id from scoped)
order by l.depends_on_project_id nulls last, l.project_id, l.risk_id

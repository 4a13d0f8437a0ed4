-- Risks and issues per month for the filtered projects: open at month end, raised and closed that month.
with scoped as (
    select period, project_id
    from selected_projects(null, $portfolios, $programs, $departments, $managers, $health)
)

select
    r.period,
    r.kind,
    count(*) filter (where r.status = 'open') as open,
    count(*) filter (where r.change in ('new', 'raised and closed')) as raised,
    count(*) filter (where r.change in ('closed', 'raised and closed')) as closed
from kpi_risks r
join scoped using (period, project_id)
group by r.period, r.kind
order by r.period, r.kind

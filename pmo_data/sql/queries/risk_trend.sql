-- Risks and issues per month up to the month asked for, for the filtered projects: open at month
-- end, raised and closed that month.
with scoped as (
    select period, project_id
    from selected_projects(null, $portfolios, $programs, $departments, $managers, $health)
    where $period is null or period <= $period
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

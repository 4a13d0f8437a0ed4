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
    count(*) filter (where r.status = 'open' and r.repeat_of is null) as open,  -- a risk entered twice counts once
    -- the first month loaded has no earlier one: how many were raised or closed in it is unknown (null), not 0
    case when bool_or(r.previous_period is not null)
        then count(*) filter (where r.change in ('new', 'raised and closed') and r.repeat_of is null) end
        as raised,
    case when bool_or(r.previous_period is not null) then count(*) filter (where r.change in ('closed', 'raised and closed')) end
        as closed
from kpi_risks r
join scoped using (period, project_id)
group by r.period, r.kind
order by r.period, r.kind

-- The RAID log's entries other than risks and issues (assumptions, dependencies, decisions,
-- actions, change requests) of the filtered projects in one month, carried month to month; only
-- one kind when $kind is set. `state`: overdue when open after its due date at the status date.
-- Overdue first (most overdue first), then open, then closed, each by due date.
select
    e.project_id,
    s.project_name,
    s.manager,
    e.kind,
    e.risk_id as item_id,
    e.title,
    e.owner,
    e.status,
    case when e.status = 'open' and e.due_date < e.status_date then 'overdue' else e.status end as state,
    e.raised_date,
    e.due_date,
    case when e.status = 'open' and e.due_date < e.status_date then date_diff('day', e.due_date, e.status_date) end
        as days_overdue,
    e.depends_on_project,
    e.first_period,
    e.carried_from
from stg_risks_carried e
join selected_projects($period, $portfolios, $programs, $departments, $managers, $health) s using (project_id)
where e.period = $period and ($kind is null or e.kind = $kind)
order by e.kind, days_overdue desc nulls last, e.status = 'closed', e.due_date nulls last, e.project_id, e.risk_id

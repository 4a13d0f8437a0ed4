-- The filtered projects' actions still open after their due date at the month's status date,
-- most overdue first; `first_period` is the review that raised each (the month it was first
-- listed), `carried_from` the month it was last listed when this month's log left it out.
select
    a.project_id,
    s.project_name,
    s.manager,
    a.risk_id as action_id,
    a.title as action,
    a.owner,
    a.raised_date,
    a.due_date,
    date_diff('day', a.due_date, a.status_date) as days_overdue,
    a.first_period,
    a.carried_from
from stg_risks_carried a
join selected_projects($period, $portfolios, $programs, $departments, $managers, $health) s using (project_id)
where a.period = $period and a.kind = 'action' and a.status = 'open' and a.due_date < a.status_date
order by days_overdue desc, a.project_id, a.risk_id

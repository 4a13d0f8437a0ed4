-- One project's decisions and actions in one month, carried month to month (stg_risks_carried):
-- decisions first, then actions, open and most overdue first. `origin` says whether the row shown
-- came from an import or an editor (Project page).
select
    kind,
    risk_id as item_id,
    title,
    owner,
    raised_date,
    due_date,
    status,
    kind = 'action' and status = 'open' and due_date < status_date as overdue,
    case when kind = 'action' and status = 'open' and due_date < status_date
         then date_diff('day', due_date, status_date) end as days_overdue,
    first_period,
    carried_from,
    origin,
    written_by,
    written_at
from stg_risks_carried
where period = $period and project_id = $project_id and kind in ('decision', 'action')
order by kind desc, status desc, days_overdue desc nulls last, due_date nulls last, raised_date desc nulls last, risk_id

-- What the sponsors must decide or help with this month, for the filtered projects: the decision
-- log's open decisions (carried month to month) and the status reports' asks, needed-by date first.
with scoped as (
    select * from selected_projects($period, $portfolios, $programs, $departments, $managers, $health)
),

needed as (
    select project_id, 'decision log' as source, risk_id as item_id, title as decision, owner, raised_date,
           due_date as needed_by, status_date
    from stg_risks_carried
    where period = $period and kind = 'decision' and status = 'open'
    union all
    select r.project_id, 'status report', null, r.sponsor_asks, null, r.report_date, null, p.status_date
    from stg_status_reports r
    join stg_periods p using (period)
    where r.period = $period and r.sponsor_asks is not null
)

select
    n.project_id,
    s.project_name,
    s.sponsor,
    n.source,
    n.item_id,
    n.decision,
    n.owner,
    n.raised_date,
    n.needed_by,
    coalesce(n.needed_by < n.status_date, false) as overdue
from needed n
join scoped s using (project_id)
order by n.needed_by nulls last, n.project_id, n.source, n.item_id

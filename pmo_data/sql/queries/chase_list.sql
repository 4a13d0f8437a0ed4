-- Whom to chase for this month's update: one row per project and reason, with the project manager.
-- The reasons (ranked as listed): no update (kpi_project_health's rule: progress and actuals the
-- same as last month), absent from the month's imports (carried forward), no status report, the
-- reported health unchanged for the last 3 loaded months while the computed one changed, and data
-- older than the month (an export or a status report dated before the month's first day).
with reasons(rank, reason) as (
    values (1, 'no update this month'), (2, 'absent from this month''s imports'), (3, 'no status report this month'),
           (4, 'reported health unchanged for 3 months, computed health changed'), (5, 'data older than the month')
),

scoped as (
    select * from selected_projects($period, $portfolios, $programs, $departments, $managers, $health)
),

carried as (
    select project_id, carried_from from stg_projects where period = $period and carried_from is not null
),

exported as (
    -- the newest date the month's files of each project say their data is as of
    select p.project_id, max(i.as_of) as as_of
    from projects p
    join imports i on i.import_id = p.import_id
    where p.period = $period
    group by p.project_id
),

last_report as (
    select project_id, max(period) as period from stg_status_reports where period < $period group by project_id
),

last_three as (
    select h.project_id, h.period, h.reported_health, h.computed_health
    from kpi_project_health h
    where h.period <= $period
    qualify row_number() over (partition by h.project_id order by h.period desc) <= 3
),

reported_flat as (
    select
        project_id,
        any_value(reported_health) as reported_health,
        string_agg(computed_health, ' → ' order by period) as computed_path,
        strftime(min(period), '%B %Y') as since
    from last_three
    group by project_id
    having count(*) = 3 and count(reported_health) = 3 and count(distinct reported_health) = 1
       and count(distinct computed_health) > 1
),

found as (
    select s.project_id, 1 as rank, 'progress and actuals the same as ' || strftime(s.previous_period, '%B %Y') as detail
    from scoped s
    where s.no_update and s.project_id not in (select project_id from carried)
    union all
    select c.project_id, 2, 'last in the imports of ' || strftime(c.carried_from, '%B %Y')
    from carried c
    union all
    select s.project_id, 3, coalesce('last report: ' || strftime(l.period, '%B %Y'), 'no report loaded yet')
    from scoped s
    left join last_report l using (project_id)
    where s.project_id not in (select project_id from stg_status_reports where period = $period)
    union all
    select f.project_id, 4, 'reported ' || f.reported_health || ' since ' || f.since || '; computed ' || f.computed_path
    from reported_flat f
    union all
    select e.project_id, 5, 'data as of ' || strftime(e.as_of, '%d %b %Y')
    from exported e
    where e.as_of < $period
    union all
    select r.project_id, 5, 'status report dated ' || strftime(r.report_date, '%d %b %Y')
    from stg_status_reports r
    where r.period = $period and r.report_date < $period
)

select s.project_id, s.project_name, s.manager, r.reason, f.detail
from found f
join scoped s using (project_id)
join reasons r using (rank)
order by s.manager nulls last, s.project_id, f.rank, f.detail

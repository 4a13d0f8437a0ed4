-- What the sponsors must decide or help with this month, for the filtered projects: the decision
-- log's open decisions (carried month to month) and the status reports' asks, needed-by date first.
-- An ask that is a logged decision of the same project is listed once, as the decision, its source
-- saying both: when the shorter of the two (at least 3 words) has 80 % of its words in the other,
-- case and punctuation aside ("Approve a $180k contingency and a re-baselined go-live" and "Approve a
-- $180k contingency for the vendor rework and a re-baselined go-live (Q1 2027).").
with scoped as (
    select * from selected_projects($period, $portfolios, $programs, $departments, $managers, $health)
),

decisions as (
    select project_id, risk_id as item_id, title as decision, owner, raised_date, due_date as needed_by, status_date,
           list_filter(list_distinct(string_split(lower(regexp_replace(title, '[^\w\s$-]+|\s+', ' ', 'g')), ' ')),
                       lambda w: w <> '') as words
    from stg_risks_carried
    where period = $period and kind = 'decision' and status = 'open'
),

asks as (
    select r.project_id, r.sponsor_asks as decision, r.report_date, p.status_date,
           list_filter(list_distinct(string_split(lower(regexp_replace(r.sponsor_asks, '[^\w\s$-]+|\s+', ' ', 'g')), ' ')),
                       lambda w: w <> '') as words
    from stg_status_reports r
    join stg_periods p using (period)
    where r.period = $period and r.sponsor_asks is not null
),

matched as (
    select a.project_id, a.words as ask_words, d.item_id
    from asks a
    join decisions d on d.project_id = a.project_id
        and least(len(a.words), len(d.words)) >= 3
        and len(list_intersect(a.words, d.words)) >= 0.8 * least(len(a.words), len(d.words))
),

needed as (
    select d.project_id,
           case when d.item_id in (select item_id from matched m where m.project_id = d.project_id)
                then 'decision log, status report' else 'decision log' end as source,
           d.item_id, d.decision, d.owner, d.raised_date, d.needed_by, d.status_date
    from decisions d
    union all
    select a.project_id, 'status report', null, a.decision, null, a.report_date, null, a.status_date
    from asks a
    where not exists (select 1 from matched m where m.project_id = a.project_id and m.ask_words = a.words)
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

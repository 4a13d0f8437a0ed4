-- Each project's status date in a month: the export date stated by the source that measures it
-- (the latest import giving the project a budget, percent complete or actual cost: the register),
-- else by the latest import naming the project; never after the month's last day, and the month's
-- last day when the source states none. A tracker export dated 15 October dates its own projects'
-- figures, never the register's projects (issue 25, defect 1).
with rows as (
    select
        p.period,
        p.project_id,
        p.import_id,
        i.as_of,
        p.budget is not null or p.percent_complete is not null or p.actual_cost is not null as measures
    from projects p
    join imports i using (import_id)
),

chosen as (
    select
        period,
        project_id,
        case when bool_or(measures) then max_by(as_of, import_id) filter (where measures) else max_by(as_of, import_id) end
            as stated_as_of
    from rows
    group by period, project_id
)

select
    period,
    project_id,
    least(last_day(period), coalesce(stated_as_of, last_day(period))) as status_date,
    stated_as_of is not null and stated_as_of <= last_day(period) as stated
from chosen

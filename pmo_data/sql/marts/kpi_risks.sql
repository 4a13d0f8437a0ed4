-- Every risk and issue per month: score band, exposure, age, overdue response, and how it changed
-- since the previous month (new, escalated, de-escalated, closed, reopened, unchanged).
with risks as (select * from model_risk_bands),

projects as (
    select period, project_id, project_name, program, portfolio, department, manager
    from stg_projects
),

aged as (
    select
        risks.*,
        date_diff('day', raised_date, status_date) as age_days,
        (
            select a.bucket from cfg_aging_buckets a
            where date_diff('day', risks.raised_date, risks.status_date) >= a.min_days
              and (a.max_days is null or date_diff('day', risks.raised_date, risks.status_date) <= a.max_days)
        ) as aging_bucket,
        status = 'open' and due_date < status_date as response_overdue
    from risks
),

final as (
    select
        cur.*,
        p.project_name,
        p.program,
        p.portfolio,
        p.department,
        p.manager,
        periods.previous_period,
        prev.score as previous_score,
        prev.status as previous_status,
        case
            when periods.previous_period is null then null
            when prev.risk_id is null then 'new'
            when cur.status = 'closed' and prev.status = 'open' then 'closed'
            when cur.status = 'open' and prev.status = 'closed' then 'reopened'
            when cur.score > prev.score then 'escalated'
            when cur.score < prev.score then 'de-escalated'
            else 'unchanged'
        end as change
    from aged cur
    join stg_periods periods using (period)
    left join projects p using (period, project_id)
    left join stg_risks prev
        on prev.period = periods.previous_period and prev.project_id = cur.project_id and prev.risk_id = cur.risk_id
)

select * from final

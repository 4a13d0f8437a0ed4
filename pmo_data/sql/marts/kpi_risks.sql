-- Every risk and issue per month: score band, exposure, age, overdue response, and how it changed
-- since the previous month (new, escalated, de-escalated, closed, reopened, unchanged).
with risks as (select * from model_risk_bands),

projects as (
    select period, project_id, project_name, program, portfolio, department, manager
    from stg_projects
),

ages as (
    select *, date_diff('day', raised_date, status_date) as age_days from risks
),

aged as (
    select
        ages.*,
        buckets.bucket as aging_bucket,
        ages.status = 'open' and ages.due_date < ages.status_date as response_overdue
    from ages
    asof left join cfg_aging_buckets buckets on ages.age_days >= buckets.min_days
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
            when prev.risk_id is null and cur.status = 'closed' then 'raised and closed'
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
    left join model_risk_bands prev
        on prev.period = periods.previous_period and prev.project_id = cur.project_id and prev.risk_id = cur.risk_id
)

select * from final

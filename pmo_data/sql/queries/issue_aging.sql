-- Open issues of the filtered projects in one month by age bucket (every bucket, empty ones too).
with issues as (
    select r.*
    from kpi_risks r
    where r.period = $period and r.kind = 'issue' and r.status = 'open'
      and r.project_id in (
          select project_id from selected_projects($period, $portfolios, $programs, $departments, $managers, $health)
      )
)

select
    b.bucket as aging_bucket,
    count(issues.risk_id) as open_issues,
    count(issues.risk_id) filter (where issues.response_overdue) as overdue
from cfg_aging_buckets b
left join issues on issues.aging_bucket = b.bucket
group by b.bucket, b.min_days
order by b.min_days

-- Entries of one month that name a project the month's projects do not hold: they show on no page
-- and in no total until the project is registered or the ID corrected. What they would change is
-- said where the figures they miss are shown ("2 risks on projects not in the register: …").
-- Band and exposure are kpi_risks' (which holds every risk and issue, registered project or not).
with registered as (
    select project_id from stg_projects where period = $period
),

risks as (
    select project_id, kind, status, band, exposure
    from kpi_risks
    where period = $period and project_id not in (select project_id from registered)
),

tasks as (
    select project_id, count(*) as tasks
    from stg_tasks
    where period = $period and project_id not in (select project_id from registered)
    group by project_id
),

by_project as (
    select
        project_id,
        count(*) as raid_entries,
        count(*) filter (where kind = 'risk' and status = 'open') as open_risks,
        count(*) filter (where kind = 'risk' and status = 'open' and band = 'Critical') as open_critical_risks,
        coalesce(sum(exposure) filter (where kind = 'risk' and status = 'open'), 0) as open_risk_exposure
    from risks
    group by project_id
)

select
    coalesce(r.project_id, t.project_id) as project_id,
    coalesce(r.raid_entries, 0) as raid_entries,
    coalesce(r.open_risks, 0) as open_risks,
    coalesce(r.open_critical_risks, 0) as open_critical_risks,
    coalesce(r.open_risk_exposure, 0) as open_risk_exposure,
    coalesce(t.tasks, 0) as tasks
from by_project r
full join tasks t using (project_id)
order by project_id

-- Entries of one month that name a project the month's projects do not hold: they show on no page
-- and in no total until the project is registered or the ID corrected. What they would change is
-- said where the figures they miss are shown ("2 risks on projects not in the register: …").
-- Band and exposure as model_risk_bands defines them (cfg_risk_bands, cfg_probability_share).
with registered as (
    select project_id from stg_projects where period = $period
),

risks as (
    select
        r.project_id,
        r.kind,
        r.status,
        (select arg_min(b.band, b.max_score) from cfg_risk_bands b
         where coalesce(r.score, r.probability * r.impact) <= b.max_score) as band,
        r.cost_impact * s.share as exposure
    from stg_risks r
    left join cfg_probability_share s on s.probability = r.probability
    where r.period = $period and r.kind in ('risk', 'issue')
      and r.project_id not in (select project_id from registered)
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

-- The PMO's health overrides for the filtered projects in one month, beside the computed health:
-- the override set for this month (the latest setting of it) is in force; last month's that was
-- not renewed for this month is listed as expired, so it can be renewed or let go.
with months as (
    select period, previous_period from stg_periods where period = $period
),

latest as (
    select *
    from health_overrides
    qualify row_number() over (partition by period, project_id order by set_at desc) = 1
),

overrides as (
    select o.*, 'in force' as state from latest o join months m on o.period = m.period
    union all
    select o.*, 'expired' from latest o join months m on o.period = m.previous_period
    where o.project_id not in (select l.project_id from latest l join months m on l.period = m.period)
)

select
    s.project_id,
    s.project_name,
    s.manager,
    o.state,
    o.period as override_period,
    o.health as override_health,
    o.justification,
    o.set_by,
    o.set_at,
    s.assessed_health as health,
    s.computed_health,
    case when o.state = 'in force' then o.health else s.assessed_health end as shown_health
from overrides o
join selected_projects($period, $portfolios, $programs, $departments, $managers, $health) s using (project_id)
order by o.state desc, s.project_id

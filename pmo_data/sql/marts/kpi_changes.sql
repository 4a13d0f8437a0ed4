-- What changed since the previous month, as the lines of a review's minutes: one line per project
-- and kind of change (its health; its moved milestones; its new, escalated or closed risks, and
-- the same of issues; its actions that became overdue), one line per newly over-allocated person.
-- Every line has the ids of its items, the before and the after, the reason, and the importance of
-- its most important change (model_change_importance).
with importance as (select * from model_change_importance),

health as (
    -- a project new this month has no before: only its being a watermelon is news. The computed
    -- health's changes (a PMO override changes what is shown, not what the figures say)
    select * replace (assessed_health as health) from kpi_project_health where previous_period is not null
),

health_facts as (
    -- every change of one project's health, in the order a sentence tells them (narrative_order)
    select period, project_id, 'health worse' as change, 1 as narrative_order,
        'health ' || previous_health || ' → ' || health as phrase
    from health where health_change = 'worse'
    union all
    select period, project_id, 'health better', 1, 'health ' || previous_health || ' → ' || health
    from health where health_change = 'better'
    union all
    select period, project_id, 'health changed', 1, 'health ' || previous_health || ' → ' || health
    from health where health_change = 'changed'
    union all
    select period, project_id, 'reported health changed', 2,
        'reported ' || coalesce(previous_reported_health, 'none') || ' → ' || coalesce(reported_health, 'none')
    from health where health_change <> 'new' and reported_health is distinct from previous_reported_health
    union all
    select period, project_id, 'new watermelon', 3, 'now a watermelon (reported ' || reported_health || ')'
    from health where watermelon and not previous_watermelon
    union all
    select period, project_id, 'watermelon resolved', 3, 'no longer a watermelon'
    from health where previous_watermelon and not watermelon
),

health_lines as (
    select
        f.period,
        min(i.importance) as importance,
        'health' as kind,
        arg_min(f.change, i.importance) as change_type,
        h.project_id,
        h.project_name,
        null as item_id,
        h.project_name as subject,
        h.previous_health || coalesce(', reported ' || h.previous_reported_health, '') as before,
        h.health || coalesce(', reported ' || h.reported_health, '') as after,
        nullif(h.health_reason_text, '') as reason,
        string_agg(f.phrase, ', ' order by f.narrative_order) || coalesce(': ' || nullif(h.health_reason_text, ''), '')
            as description,
        1 as items
    from health_facts f
    join importance i using (change)
    join health h using (period, project_id)
    group by f.period, h.project_id, h.project_name, h.previous_health, h.previous_reported_health, h.health,
        h.reported_health, h.health_reason_text
),

milestones_moved as (
    select m.*, printf('%+d d', m.moved_days) as moved
    from kpi_milestone_trend m
    where m.moved_days <> 0 and m.status_category <> 'done'
),

milestone_lines as (
    -- the biggest move first
    select
        m.period,
        any_value(i.importance) as importance,
        'milestones' as kind,
        'milestone moved' as change_type,
        m.project_id,
        coalesce(any_value(p.project_name), m.project_id) as project_name,
        string_agg(m.task_id, ', ' order by abs(m.moved_days) desc, m.name, m.task_id) as item_id,
        case when count(*) = 1 then any_value(m.name) else count(*) || ' milestones' end as subject,
        string_agg(strftime(m.previous_forecast_finish, '%d %b %Y'), ', ' order by abs(m.moved_days) desc, m.name, m.task_id)
            as before,
        string_agg(strftime(m.forecast_finish, '%d %b %Y'), ', ' order by abs(m.moved_days) desc, m.name, m.task_id)
            as after,
        string_agg(m.moved, ', ' order by abs(m.moved_days) desc, m.name, m.task_id) as reason,
        count(*) || ' milestone' || case when count(*) = 1 then '' else 's' end || ' moved: '
            || string_agg(m.name || ' ' || m.moved, ', ' order by abs(m.moved_days) desc, m.name, m.task_id) as description,
        count(*) as items
    from milestones_moved m
    join importance i on i.change = 'milestone moved'
    left join kpi_project_health p using (period, project_id)
    group by m.period, m.project_id
),

risks_changed as (
    -- raised and closed within the month is told with the closed ones
    select
        r.*,
        case r.change when 'raised and closed' then 'closed' else r.change end as change_group,
        case
            when r.change in ('closed', 'raised and closed') then 'risk closed'
            when r.band in ('High', 'Critical') then 'high risk new or escalated'
            else 'risk new or escalated'
        end as importance_rule,
        case r.change
            when 'escalated' then 'score ' || r.previous_score || ' → ' || r.score || ', ' || r.band
            when 'raised and closed' then 'raised and closed this month, score ' || r.score || ', ' || r.band
            else 'score ' || r.score || ', ' || r.band
        end as detail,
        case r.change when 'escalated' then 'score ' || r.previous_score when 'closed' then 'open' end as before,
        case r.change when 'new' then 'open' when 'escalated' then 'score ' || r.score else 'closed' end as after,
        'score ' || r.score || ' (' || r.band || ')' as reason
    from kpi_risks r
    where r.change in ('new', 'escalated', 'closed', 'raised and closed')
),

risk_lines as (
    -- the highest score first
    select
        r.period,
        min(i.importance) as importance,
        'risks' as kind,
        r.kind || ' ' || r.change_group as change_type,
        r.project_id,
        coalesce(any_value(r.project_name), r.project_id) as project_name,
        string_agg(r.risk_id, ', ' order by r.score desc, r.risk_id) as item_id,
        case when count(*) = 1 then any_value(r.title) else count(*) || ' ' || r.kind || 's' end as subject,
        case when count(r.before) > 0 then string_agg(coalesce(r.before, '—'), ', ' order by r.score desc, r.risk_id) end
            as before,
        string_agg(r.after, ', ' order by r.score desc, r.risk_id) as after,
        string_agg(r.reason, ', ' order by r.score desc, r.risk_id) as reason,
        count(*) || ' ' || r.kind || case when count(*) = 1 then ' ' else 's ' end || r.change_group || ': '
            || string_agg(r.risk_id || ' ' || r.title || ' (' || r.detail || ')', '; ' order by r.score desc, r.risk_id)
            as description,
        count(*) as items
    from risks_changed r
    join importance i on i.change = r.importance_rule
    group by r.period, r.project_id, r.kind, r.change_group
),

actions_overdue as (
    -- open actions of the RAID log (carried month to month) not overdue at the previous month's
    -- status date but overdue at this month's: due in between
    select a.*, date_diff('day', a.due_date, a.status_date) as days_overdue
    from stg_risks_carried a
    join stg_periods periods using (period)
    join stg_periods previous on previous.period = periods.previous_period
    where a.kind = 'action' and a.status = 'open'
      and a.due_date >= previous.status_date and a.due_date < a.status_date
),

action_lines as (
    -- the most overdue first
    select
        a.period,
        any_value(i.importance) as importance,
        'actions' as kind,
        'action overdue' as change_type,
        a.project_id,
        coalesce(any_value(p.project_name), a.project_id) as project_name,
        string_agg(a.risk_id, ', ' order by a.days_overdue desc, a.risk_id) as item_id,
        case when count(*) = 1 then any_value(a.title) else count(*) || ' actions' end as subject,
        string_agg('due ' || strftime(a.due_date, '%d %b %Y'), ', ' order by a.days_overdue desc, a.risk_id) as before,
        string_agg(a.days_overdue || ' d overdue', ', ' order by a.days_overdue desc, a.risk_id) as after,
        string_agg(coalesce(a.owner, 'no owner'), ', ' order by a.days_overdue desc, a.risk_id) as reason,
        count(*) || ' action' || case when count(*) = 1 then ' ' else 's ' end || 'overdue: '
            || string_agg(a.risk_id || ' ' || a.title || ' (' || coalesce(a.owner || ', ', '') || 'due '
                          || strftime(a.due_date, '%d %b %Y') || ', ' || a.days_overdue || ' d overdue)',
                          '; ' order by a.days_overdue desc, a.risk_id) as description,
        count(*) as items
    from actions_overdue a
    join importance i on i.change = 'action overdue'
    left join kpi_project_health p using (period, project_id)
    group by a.period, a.project_id
),

people_load as (
    -- each person's peak in the horizon, and where they are over capacity: the first month over
    -- capacity is the news; the peak (the earliest, on a tie) says how bad
    select
        period,
        resource_name,
        max(utilisation_pct) as peak_pct,
        arg_min(month, (-utilisation_pct, month)) as peak_month,
        min(month) filter (where load_band = 'over-allocated') as first_month_over
    from kpi_resource_load
    where in_horizon
    group by all
),

people_lines as (
    select
        now.period,
        i.importance,
        'people' as kind,
        'newly over-allocated' as change_type,
        null as project_id,
        null as project_name,
        now.resource_name as item_id,
        now.resource_name as subject,
        'peak ' || round(before.peak_pct)::integer || '%' as before,
        'peak ' || round(now.peak_pct)::integer || '%' as after,
        'over capacity from ' || strftime(now.first_month_over, '%b %Y') as reason,
        'over capacity from ' || strftime(now.first_month_over, '%b %Y') || ' (peak ' || round(now.peak_pct)::integer
            || '% of capacity in ' || strftime(now.peak_month, '%b %Y') || ')' as description,
        1 as items
    from people_load now
    join stg_periods periods using (period)
    join importance i on i.change = 'newly over-allocated'
    left join people_load before on before.period = periods.previous_period and before.resource_name = now.resource_name
    where now.first_month_over is not null
      and periods.previous_period is not null
      and before.first_month_over is null
),

final as (
    select * from health_lines
    union all by name select * from milestone_lines
    union all by name select * from risk_lines
    union all by name select * from action_lines
    union all by name select * from people_lines
)

select period, importance, kind, change_type, project_id, project_name, item_id, subject, before, after, reason,
    description, items
from final

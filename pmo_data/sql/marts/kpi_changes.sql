-- What changed since the previous month, in the order a review meeting wants to hear it:
-- health worse, new watermelons, health better, milestones moved, risks new / escalated / closed,
-- people newly over-allocated.
with health as (select * from kpi_project_health where previous_period is not null),

health_changes as (
    select period, 1 as rank, 'health worse' as change_type, project_id, project_name as subject,
        'health ' || previous_health || ' → ' || health || coalesce(': ' || nullif(health_reason_text, ''), '') as description
    from health where health_change = 'worse'
    union all
    select period, 2, 'new watermelon', project_id, project_name,
        'reported ' || reported_health || ' but computed ' || health || ': ' || health_reason_text
    from health where watermelon and not previous_watermelon
    union all
    select period, 3, 'health better', project_id, project_name,
        'health ' || previous_health || ' → ' || health
    from health where health_change = 'better'
),

milestone_changes as (
    select m.period, 4 as rank, 'milestone moved' as change_type, m.project_id, m.name as subject,
        'forecast moved ' || abs(m.moved_days) || ' days ' || case when m.moved_days > 0 then 'later' else 'earlier' end
            || ' (' || strftime(m.previous_forecast_finish, '%d %b %Y') || ' → ' || strftime(m.forecast_finish, '%d %b %Y') || ')'
            as description
    from kpi_milestone_trend m
    where m.moved_days <> 0 and m.status_category <> 'done'
),

risk_changes as (
    select period, case change when 'new' then 5 when 'escalated' then 6 else 7 end as rank,
        kind || ' ' || change as change_type, project_id, title as subject,
        case change
            when 'new' then kind || ' raised, score ' || score || ' (' || band || ')'
            when 'escalated' then 'score ' || previous_score || ' → ' || score || ' (' || band || ')'
            when 'raised and closed' then kind || ' raised and closed this month, score ' || score || ' (' || band || ')'
            else kind || ' closed'
        end as description
    from kpi_risks
    where change in ('new', 'escalated', 'closed', 'raised and closed')
),

people_now as (
    -- the first month over capacity is the news; the peak (the earliest, on a tie) says how bad
    select period, resource_name, min(month) as first_month, max(utilisation_pct) as peak_pct,
        arg_min(month, (-utilisation_pct, month)) as peak_month
    from kpi_resource_load where in_horizon and load_band = 'over-allocated'
    group by all
),

people_changes as (
    select now.period, 8 as rank, 'newly over-allocated' as change_type, null as project_id,
        now.resource_name as subject,
        'over capacity from ' || strftime(now.first_month, '%b %Y') || ' (peak ' || round(now.peak_pct)::integer
            || '% of capacity in ' || strftime(now.peak_month, '%b %Y') || ')' as description
    from people_now now
    join stg_periods periods using (period)
    left join people_now before on before.period = periods.previous_period and before.resource_name = now.resource_name
    where periods.previous_period is not null and before.resource_name is null
),

final as (
    select * from health_changes
    union all select * from milestone_changes
    union all select * from risk_changes
    union all select * from people_changes
)

select period, rank, change_type, project_id, subject, description from final

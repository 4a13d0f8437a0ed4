-- One row per project and month: earned value, schedule, milestones, risks, computed health with
-- every reason, the PM's reported health, the watermelon flag, and the change since last month.
-- `health` is what the dashboard shows: the PMO's override of the month when one is in force
-- (health_overrides, with its justification), else the computed health as assessed
-- (`assessed_health`). The reasons, the watermelon flag and the change since last month always
-- read the computed health: an override says what the PMO shows, not what the figures say.
with evm as (select * from model_project_evm),

breaches as (
    -- a rule's value is printed with as many digits as it takes for the printed comparison to be
    -- true too ("SPI 0.846 < 0.85", never "SPI 0.85 < 0.85")
    select
        m.*,
        r.level,
        r.level_rank,
        r.reason as template,
        r.decimals,
        r.threshold,
        coalesce(list_filter(range(r.decimals, r.decimals + 6), lambda d: case r.op
            when '<' then round(m.value::double, d::integer) < r.threshold
            when '<=' then round(m.value::double, d::integer) <= r.threshold
            when '>' then round(m.value::double, d::integer) > r.threshold
            when '>=' then round(m.value::double, d::integer) >= r.threshold
        end)[1], r.decimals + 6) as value_digits
    from model_health_metrics m
    join cfg_health_rules r on r.metric = m.metric
    where case r.op
        when '<' then m.value < r.threshold
        when '<=' then m.value <= r.threshold
        when '>' then m.value > r.threshold
        when '>=' then m.value >= r.threshold
    end
),

fired as (
    select
        period,
        project_id,
        metric,
        level,
        level_rank,
        replace(replace(replace(template,
            '{value}', printf('%.' || value_digits || 'f', value)),
            '{threshold}', printf('%.' || decimals || 'f', threshold)),
            '{detail}', coalesce(detail, '')) as reason,
        row_number() over (partition by period, project_id, metric order by level_rank desc) as severity_order
    from breaches
),

worst_per_metric as (
    select
        period,
        project_id,
        max(level_rank) as level_rank,
        list(reason order by level_rank desc, metric) as reasons
    from fired
    where severity_order = 1
    group by period, project_id
),

dimension_levels as (
    -- the worst level fired in each dimension the rules judge (schedule, milestones, cost, risk)
    select
        f.period,
        f.project_id,
        max(case when d.dimension = 'schedule' then f.level_rank end) as schedule_rank,
        max(case when d.dimension = 'milestones' then f.level_rank end) as milestones_rank,
        max(case when d.dimension = 'cost' then f.level_rank end) as cost_rank,
        max(case when d.dimension = 'risk' then f.level_rank end) as risk_rank
    from fired f
    join cfg_health_dimensions d using (metric)
    group by f.period, f.project_id
),

health as (
    select
        evm.*,
        ms.* exclude (period, project_id),
        pr.open_risks,
        pr.open_critical_risks,
        pr.duplicate_open_risks,
        pr.max_open_risk_score,
        pr.top_open_risk,
        pr.open_risk_exposure,
        -- not started: its baseline start still ahead (without one: nothing planned by the status
        -- date), nothing earned, nothing spent. A project past its baseline start with nothing done
        -- is late, and assessed by the rules like any other.
        evm.baseline_finish is not null and coalesce(evm.percent_done, 0) = 0 and coalesce(evm.ac, 0) = 0
            and case when evm.baseline_start is not null then evm.status_date < evm.baseline_start
                     else coalesce(evm.planned_percent, 0) = 0 end as not_started,
        case
            when evm.baseline_finish is null then 'grey'
            when not_started then 'grey'
            else ['green', 'amber', 'red'][coalesce(w.level_rank, 0) + 1]
        end as computed_health,
        case
            when evm.baseline_finish is null then ['no baseline: health not assessed']
            when not_started then ['not assessed: not started']
            else coalesce(w.reasons, [])
        end as computed_reasons
    from evm
    left join worst_per_metric w using (period, project_id)
    left join model_milestone_summary ms using (period, project_id)
    left join model_project_risks pr using (period, project_id)
),

updates as (
    -- no update this month: absent from the month's imports (carried forward), or the same
    -- progress and actuals as last month. Such a project keeps the health last assessed, dated.
    select
        cur.*,
        cur.carried_from is not null
            or (prev.project_id is not null and not cur.not_started
                and (cur.percent_done is not null or cur.ac is not null)
                and cur.percent_done is not distinct from prev.percent_done and cur.ac is not distinct from prev.ac)
            as no_update,
        case when cur.carried_from is not null then 'absent from its imports' else 'progress and actuals unchanged' end
            as no_update_reason
    from health cur
    left join health prev on prev.period = cur.previous_period and prev.project_id = cur.project_id
),

assessed as (
    select
        *,
        max(case when not no_update then period end) over (
            partition by project_id order by period rows between unbounded preceding and current row
        ) as assessed_period
    from updates
),

dated as (
    select
        cur.*,
        coalesce(case when cur.no_update then last.computed_health end, cur.computed_health) as assessed_health,
        case
            when cur.no_update then
                [printf('no update this month (%s): health as assessed for %s', cur.no_update_reason,
                        strftime(cur.assessed_period, '%B %Y'))] || coalesce(last.computed_reasons, cur.computed_reasons)
            else cur.computed_reasons
        end as health_reasons
    from assessed cur
    left join assessed last on last.period = cur.assessed_period and last.project_id = cur.project_id
),

overrides as (
    -- the latest setting of each month's override: it holds for that month only
    select
        period,
        project_id,
        health as override_health,
        justification as override_justification,
        set_by as override_set_by,
        set_at as override_set_at
    from health_overrides
    qualify row_number() over (partition by period, project_id order by set_at desc) = 1
),

flagged as (
    select
        dated.*,
        overrides.* exclude (period, project_id),
        coalesce(overrides.override_health, dated.assessed_health) as health,
        array_to_string(health_reasons, '; ') as health_reason_text,
        array_to_string(data_quality, '; ') as data_quality_text,
        assessed_health in ('amber', 'red') and reported_health is not null
            and list_position(['green', 'amber', 'red'], reported_health) < list_position(['green', 'amber', 'red'], assessed_health)
            as watermelon
    from dated
    left join overrides using (period, project_id)
),

final as (
    select
        cur.period,
        cur.project_id,
        coalesce(cur.project_name, cur.project_id) as project_name,
        cur.program,
        cur.portfolio,
        cur.department,
        cur.manager,
        cur.sponsor,
        cur.strategic_objective,
        cur.status,
        cur.phase,
        cur.priority,
        cur.status_date,
        cur.health,
        cur.assessed_health,
        cur.override_health is not null as overridden,
        cur.override_health,
        cur.override_justification,
        cur.override_set_by,
        cur.override_set_at,
        cur.health_reasons,
        cur.health_reason_text,
        cur.computed_health,
        -- each dimension's level as computed this month; grey when the project is not assessed
        case when cur.computed_health = 'grey' then 'grey' else ['green', 'amber', 'red'][coalesce(dl.schedule_rank, 0) + 1] end
            as schedule_health,
        case when cur.computed_health = 'grey' then 'grey' else ['green', 'amber', 'red'][coalesce(dl.milestones_rank, 0) + 1] end
            as milestones_health,
        case when cur.computed_health = 'grey' then 'grey' else ['green', 'amber', 'red'][coalesce(dl.cost_rank, 0) + 1] end
            as cost_health,
        case when cur.computed_health = 'grey' then 'grey' else ['green', 'amber', 'red'][coalesce(dl.risk_rank, 0) + 1] end
            as risk_health,
        cur.not_started,
        cur.no_update,
        case when cur.no_update then cur.assessed_period end as health_assessed_for,
        cur.reported_health,
        cur.watermelon,
        cur.evm_basis,
        cur.data_quality,
        cur.data_quality_text,
        cur.bac,
        cur.ev,
        cur.pv,
        cur.ac,
        cur.ac_source,
        cur.sv,
        cur.cv,
        round(cur.spi, 4) as spi,
        round(cur.cpi, 4) as cpi,
        cur.eac,
        cur.eac_method,
        cur.eac_independent,
        cur.eac_cpi_spi,
        cur.overrun_eac_method,
        cur.etc,
        cur.vac,
        round(cur.tcpi, 4) as tcpi,
        cur.cost_overrun_pct,
        cur.percent_done as percent_complete,
        cur.percent_complete_source,
        cur.planned_percent,
        cur.planned_percent_source,
        cur.baseline_start,
        cur.baseline_finish,
        cur.expected_finish,
        cur.finish_variance_days,
        cur.finish_variance_pct,
        coalesce(cur.tasks_total, 0) as tasks_total,
        coalesce(cur.tasks_done, 0) as tasks_done,
        coalesce(cur.tasks_overdue, 0) as tasks_overdue,
        cur.bei,
        coalesce(cur.milestones_total, 0) as milestones_total,
        coalesce(cur.milestones_done, 0) as milestones_done,
        coalesce(cur.milestones_done_late, 0) as milestones_done_late,
        coalesce(cur.milestones_late, 0) as milestones_late,
        coalesce(cur.milestones_overdue, 0) as milestones_overdue,
        coalesce(cur.milestones_on_time, 0) as milestones_on_time,
        cur.max_milestone_overdue_days,
        cur.most_overdue_milestone,
        coalesce(cur.open_risks, 0) as open_risks,
        coalesce(cur.open_critical_risks, 0) as open_critical_risks,
        coalesce(cur.duplicate_open_risks, 0) as duplicate_open_risks,
        cur.max_open_risk_score,
        cur.top_open_risk,
        cur.open_risk_exposure,
        cur.previous_period,
        prev.assessed_health as previous_health,
        case
            when prev.project_id is null then 'new'
            when cur.assessed_health = 'grey' or prev.assessed_health = 'grey' then
                case when cur.assessed_health = prev.assessed_health then 'same' else 'changed' end
            when list_position(['green', 'amber', 'red'], cur.assessed_health)
                > list_position(['green', 'amber', 'red'], prev.assessed_health) then 'worse'
            when list_position(['green', 'amber', 'red'], cur.assessed_health)
                < list_position(['green', 'amber', 'red'], prev.assessed_health) then 'better'
            else 'same'
        end as health_change,
        coalesce(prev.watermelon, false) as previous_watermelon,
        prev.reported_health as previous_reported_health,
        round(cur.spi - prev.spi, 4) as spi_delta,
        round(cur.cpi - prev.cpi, 4) as cpi_delta,
        cur.eac - prev.eac as eac_delta,
        cur.finish_variance_days - prev.finish_variance_days as finish_variance_days_delta
    from flagged cur
    left join flagged prev on prev.period = cur.previous_period and prev.project_id = cur.project_id
    left join dimension_levels dl on dl.period = cur.period and dl.project_id = cur.project_id
)

select * from final

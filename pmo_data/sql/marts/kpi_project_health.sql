-- One row per project and month: earned value, schedule, milestones, risks, computed health with
-- every reason, the PM's reported health, the watermelon flag, and the change since last month.
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

health as (
    select
        evm.*,
        ms.* exclude (period, project_id),
        pr.open_risks,
        pr.open_critical_risks,
        pr.max_open_risk_score,
        pr.top_open_risk,
        pr.open_risk_exposure,
        case
            when evm.baseline_finish is null then 'grey'
            else ['green', 'amber', 'red'][coalesce(w.level_rank, 0) + 1]
        end as health,
        case
            when evm.baseline_finish is null then ['no baseline: health not assessed']
            else coalesce(w.reasons, [])
        end as health_reasons
    from evm
    left join worst_per_metric w using (period, project_id)
    left join model_milestone_summary ms using (period, project_id)
    left join model_project_risks pr using (period, project_id)
),

flagged as (
    select
        *,
        array_to_string(health_reasons, '; ') as health_reason_text,
        health in ('amber', 'red') and reported_health is not null
            and list_position(['green', 'amber', 'red'], reported_health) < list_position(['green', 'amber', 'red'], health)
            as watermelon
    from health
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
        cur.health_reasons,
        cur.health_reason_text,
        cur.reported_health,
        cur.watermelon,
        cur.bac,
        cur.ev,
        cur.pv,
        cur.ac,
        cur.sv,
        cur.cv,
        round(cur.spi, 4) as spi,
        round(cur.cpi, 4) as cpi,
        cur.eac,
        cur.eac_method,
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
        cur.max_open_risk_score,
        cur.top_open_risk,
        cur.open_risk_exposure,
        cur.previous_period,
        prev.health as previous_health,
        case
            when prev.project_id is null then 'new'
            when cur.health = 'grey' or prev.health = 'grey' then case when cur.health = prev.health then 'same' else 'changed' end
            when list_position(['green', 'amber', 'red'], cur.health) > list_position(['green', 'amber', 'red'], prev.health) then 'worse'
            when list_position(['green', 'amber', 'red'], cur.health) < list_position(['green', 'amber', 'red'], prev.health) then 'better'
            else 'same'
        end as health_change,
        coalesce(prev.watermelon, false) as previous_watermelon,
        round(cur.spi - prev.spi, 4) as spi_delta,
        round(cur.cpi - prev.cpi, 4) as cpi_delta,
        cur.eac - prev.eac as eac_delta,
        cur.finish_variance_days - prev.finish_variance_days as finish_variance_days_delta
    from flagged cur
    left join flagged prev on prev.period = cur.previous_period and prev.project_id = cur.project_id
)

select * from final

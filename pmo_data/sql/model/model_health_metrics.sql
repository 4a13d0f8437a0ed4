-- The measures health rules look at, one row per project, month and metric (unpivoted so that
-- the rules in cfg_health_rules can be evaluated as data). `detail` names what a reason cites.
with evm as (
    select e.*, r.max_open_risk_score, r.top_open_risk
    from model_project_evm e
    left join model_project_risks r using (period, project_id)
),

final as (
    select period, project_id, 'spi' as metric, spi as value, null as detail from evm
    union all select period, project_id, 'cpi', cpi, null from evm
    union all select period, project_id, 'milestone_overdue_days', max_milestone_overdue_days, most_overdue_milestone
        from evm left join model_milestone_summary using (period, project_id)
    union all select period, project_id, 'finish_slip_pct', finish_variance_pct, null from evm
    union all select period, project_id, 'cost_overrun_pct', cost_overrun_pct, overrun_eac_method from evm
    union all select period, project_id, 'bei', bei, null from evm
    union all select period, project_id, 'max_open_risk_score', max_open_risk_score, top_open_risk from evm
)

select * from final where value is not null

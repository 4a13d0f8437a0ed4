-- Per project and month: open risks by band and the highest-scoring open risk.
with open_risks as (
    select * from model_risk_bands where status = 'open' and kind = 'risk'
),

final as (
    select
        period,
        project_id,
        count(*) as open_risks,
        count(*) filter (where band = 'Critical') as open_critical_risks,
        max(score) as max_open_risk_score,
        arg_max(title || ' (' || risk_id || ')', score) as top_open_risk,
        sum(exposure) as open_risk_exposure
    from open_risks
    group by period, project_id
)

select * from final

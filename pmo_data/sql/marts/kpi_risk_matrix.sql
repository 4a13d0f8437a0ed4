-- The 5×5 probability × impact matrix of open risks per month: counts and exposure per cell,
-- for each project (scope 'project') and for the whole portfolio (scope 'portfolio', project_id null).
with open_risks as (
    select * from model_risk_bands
    where status = 'open' and kind = 'risk' and probability is not null and impact is not null
),

final as (
    select
        period,
        case when grouping(project_id) = 1 then 'portfolio' else 'project' end as scope,
        project_id,
        probability,
        impact,
        probability * impact as score,
        any_value(band) as band,
        count(*) as risk_count,
        sum(exposure) as exposure,
        sum(cost_impact) as cost_impact
    from open_risks
    group by grouping sets ((period, probability, impact), (period, project_id, probability, impact))
)

select * from final

-- Every risk and issue with its score band (cfg_risk_bands, from pmo.toml) and exposure.
with risks as (
    select r.*, p.status_date
    from stg_risks r
    join stg_periods p using (period)
),

banded as (
    select
        risks.*,
        coalesce(risks.score, risks.probability * risks.impact) as effective_score,
        (
            select b.band from cfg_risk_bands b
            where coalesce(risks.score, risks.probability * risks.impact) <= b.max_score
            order by b.max_score limit 1
        ) as band,
        risks.cost_impact * (select s.share from cfg_probability_share s where s.probability = risks.probability)
            as exposure
    from risks
),

final as (
    select * exclude (score) rename (effective_score as score) from banded
)

select * from final

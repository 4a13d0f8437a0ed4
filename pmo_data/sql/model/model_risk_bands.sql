-- Every risk and issue with its score band (cfg_risk_bands, from pmo.toml) and exposure; the log's
-- other kinds (decisions, actions, dependencies …) are no risks: see stg_risks_carried.
with risks as (
    select r.* exclude (score, depends_on_project, origin, written_by, written_at), coalesce(r.score, r.probability * r.impact) as score, p.status_date
    from stg_risks r
    join stg_periods p using (period)
    where r.kind in ('risk', 'issue')
),

-- the band of every possible score, so each risk needs one equality join
score_bands as (
    select s.score, arg_min(b.band, b.max_score) as band
    from range(1, 26) s(score)
    join cfg_risk_bands b on s.score <= b.max_score
    group by s.score
),

final as (
    select
        risks.*,
        score_bands.band,
        risks.cost_impact * shares.share as exposure
    from risks
    left join score_bands on score_bands.score = risks.score
    left join cfg_probability_share shares on shares.probability = risks.probability
)

select * from final

-- Every risk and issue with its score band (cfg_risk_bands, from pmo.toml), exposure and, for an open
-- risk entered twice, the entry it repeats; the log's
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

banded as (
    select
        risks.*,
        score_bands.band,
        risks.cost_impact * shares.share as exposure,
        coalesce(nullif(lower(regexp_replace(trim(risks.title), '\s+', ' ', 'g')), ''), risks.risk_id) as title_key
    from risks
    left join score_bands on score_bands.score = risks.score
    left join cfg_probability_share shares on shares.probability = risks.probability
),

-- An open risk entered twice (the same title on the same project, case and spacing aside) counts
-- once, as its highest-scoring entry (ties: the lower id); `repeat_of` names that entry on the
-- others. Every count of open risks (cards, summary, matrix, trend, top risks) leaves repeats out.
final as (
    select
        * exclude (title_key),
        case when status = 'open' and kind = 'risk' then nullif(first_value(risk_id) over (
            partition by period, project_id, status = 'open' and kind = 'risk', title_key
            order by score desc nulls last, risk_id), risk_id) end as repeat_of
    from banded
)

select * from final

-- Per project and month: open risks by band and the highest-scoring open risk. A risk entered twice
-- (the same title on the same project, case and spacing aside) counts once, at its higher score
-- (model_risk_bands' `repeat_of`); `duplicate_open_risks` says how many entries were such repeats.
with open_entries as (
    select * from model_risk_bands where status = 'open' and kind = 'risk'
),

open_risks as (
    select * from open_entries where repeat_of is null
),

repeats as (
    select period, project_id, count(*) filter (where repeat_of is not null) as duplicate_open_risks
    from open_entries
    group by period, project_id
),

final as (
    select
        period,
        project_id,
        count(*) as open_risks,
        count(*) filter (where band = 'Critical') as open_critical_risks,
        max(score) as max_open_risk_score,
        first(title || ' (' || risk_id || ')' order by score desc nulls last, risk_id) as top_open_risk,  -- ties: the lower id
        sum(exposure) as open_risk_exposure,
        any_value(r.duplicate_open_risks) as duplicate_open_risks
    from open_risks
    join repeats r using (period, project_id)
    group by period, project_id
)

select * from final

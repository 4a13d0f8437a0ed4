-- Per person and plan month, as planned in each reporting month: planned vs capacity hours,
-- utilisation and its band (under-used < 75 %, over-allocated > 100 %, see pmo.toml), the
-- projects that load the person, and the utilisation the previous month's plan gave.
with load as (select * from model_resource_months),

banded as (
    select
        *,
        round(100.0 * planned_hours / nullif(capacity_hours, 0), 1) as utilisation_pct,
        capacity_hours - planned_hours as available_hours
    from load
),

final as (
    select
        cur.*,
        case
            when cur.utilisation_pct > (select value from cfg_settings where name = 'over_allocated_above') then 'over-allocated'
            when cur.utilisation_pct < (select value from cfg_settings where name = 'under_used_below') then 'under-used'
            else 'balanced'
        end as load_band,
        cur.month >= cur.period
            and cur.month < cur.period + to_months((select value from cfg_settings where name = 'horizon_months')::integer)
            as in_horizon,
        prev.utilisation_pct as previous_utilisation_pct
    from banded cur
    join stg_periods periods using (period)
    left join banded prev
        on prev.period = periods.previous_period and prev.resource_name = cur.resource_name and prev.month = cur.month
)

select * from final

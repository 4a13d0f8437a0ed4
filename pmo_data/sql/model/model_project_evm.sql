-- Earned value per project and month (ANSI/EIA-748 terms). Percent complete comes from the
-- register, else from the project's tasks; planned percent from the tasks' time-phased plan
-- where they have one, else linear between baseline start and baseline finish.
with ids as (
    select period, project_id from stg_projects
    union
    select period, project_id from model_task_progress
),

base as (
    select
        ids.period,
        ids.project_id,
        periods.status_date,
        periods.previous_period,
        p.* exclude (period, project_id),
        t.* exclude (period, project_id),
        coalesce(p.percent_complete, t.task_percent_complete) as percent_done,
        case when p.percent_complete is not null then 'register' when t.task_percent_complete is not null then 'tasks by ' || t.task_percent_method end
            as percent_complete_source,
        case
            when t.task_planned_percent is not null then t.task_planned_percent
            when p.baseline_start is null or p.baseline_finish is null then null
            when periods.status_date >= p.baseline_finish then 100.0
            when periods.status_date <= p.baseline_start then 0.0
            else 100.0 * date_diff('day', p.baseline_start, periods.status_date)
                / greatest(date_diff('day', p.baseline_start, p.baseline_finish), 1)
        end as planned_percent,
        case when t.task_planned_percent is not null then 'tasks (time-phased)' when p.baseline_finish is not null then 'linear over baseline' end
            as planned_percent_source
    from ids
    join stg_periods periods using (period)
    left join stg_projects p using (period, project_id)
    left join model_task_progress t using (period, project_id)
),

evm as (
    select
        *,
        budget as bac,
        budget * percent_done / 100 as ev,
        budget * planned_percent / 100 as pv,
        actual_cost as ac
    from base
),

indices as (
    select
        *,
        ev - pv as sv,
        ev - ac as cv,
        ev / nullif(pv, 0) as spi,
        ev / nullif(ac, 0) as cpi
    from evm
),

final as (
    select
        *,
        coalesce(forecast_cost, bac / nullif(cpi, 0)) as eac,
        case when forecast_cost is not null then 'reported forecast' when cpi is not null then 'BAC / CPI' end as eac_method,
        (bac - ev) / nullif(bac - ac, 0) as tcpi,
        coalesce(forecast_finish, finish_date) as expected_finish,
        date_diff('day', baseline_finish, coalesce(forecast_finish, finish_date)) as finish_variance_days,
        100.0 * date_diff('day', baseline_finish, coalesce(forecast_finish, finish_date))
            / nullif(date_diff('day', baseline_start, baseline_finish), 0) as finish_variance_pct
    from indices
)

select
    *,
    bac - eac as vac,
    eac - ac as etc,
    100.0 * (eac - bac) / nullif(bac, 0) as cost_overrun_pct
from final

-- Earned value per project and month (ANSI/EIA-748 terms). EV % and PV % always come from one
-- source (`evm_basis`): the tasks, when their baselines carry the project's whole plan (they span
-- its baseline start to finish, each end within `evm.tasks_cover_tolerance_pct` of the baseline
-- duration): EV % by work (else count), PV % time-phased over each task's baseline. Otherwise the
-- register: its percent complete, and PV % linear between the project's baseline start and finish.
with ids as (
    select period, project_id from stg_projects
    union
    select period, project_id from model_task_progress
),

settings as (
    select
        max(value) filter (where name = 'tasks_cover_tolerance_pct') as tolerance_pct,
        max(value) filter (where name = 'disagreement_points') as disagreement_points
    from cfg_settings
),

dated_ids as (
    -- each project measured at its own status date (its measuring source's export date)
    select ids.period, ids.project_id, coalesce(d.status_date, pr.status_date) as status_date, pr.previous_period
    from ids
    join stg_periods pr using (period)
    left join stg_project_status_dates d using (period, project_id)
),

base as (
    select
        ids.period,
        ids.project_id,
        periods.status_date,
        periods.previous_period,
        p.* exclude (period, project_id),
        t.* exclude (period, project_id),
        p.percent_complete as register_percent,
        case
            when p.baseline_start is null or p.baseline_finish is null then null
            when periods.status_date >= p.baseline_finish then 100.0
            when periods.status_date <= p.baseline_start then 0.0
            else 100.0 * date_diff('day', p.baseline_start, periods.status_date)
                / greatest(date_diff('day', p.baseline_start, p.baseline_finish), 1)
        end as linear_planned_percent,
        coalesce(
            t.task_planned_percent is not null
            and abs(date_diff('day', p.baseline_start, t.task_plan_start))
                <= s.tolerance_pct / 100 * date_diff('day', p.baseline_start, p.baseline_finish)
            and abs(date_diff('day', p.baseline_finish, t.task_plan_finish))
                <= s.tolerance_pct / 100 * date_diff('day', p.baseline_start, p.baseline_finish),
            false
        ) as tasks_carry_plan,
        s.disagreement_points
    from ids
    join dated_ids periods using (period, project_id)
    cross join settings s
    left join stg_projects p using (period, project_id)
    left join model_task_progress t using (period, project_id)
),

basis as (
    select
        *,
        case when tasks_carry_plan then 'tasks' else 'register' end as evm_basis,
        case when tasks_carry_plan then task_percent_complete else register_percent end as percent_done,
        case when tasks_carry_plan then 'tasks by ' || task_percent_method when register_percent is not null then 'register' end
            as percent_complete_source,
        case when tasks_carry_plan then task_planned_percent else linear_planned_percent end as planned_percent,
        case when tasks_carry_plan then 'tasks (time-phased baselines)' when linear_planned_percent is not null then 'linear over baseline' end
            as planned_percent_source,
        -- what an analyst must check before trusting the figures
        list_filter([
            case when register_percent is not null and task_percent_complete is not null
                  and abs(register_percent - task_percent_complete) > disagreement_points
                 then printf('register %.0f %%, tasks %.0f %%', register_percent, task_percent_complete) end,
            case when not tasks_carry_plan and task_planned_percent is not null and baseline_finish is not null
                 then printf('tasks cover %s to %s, not the whole baseline (%s to %s): EV and PV from the register',
                             strftime(task_plan_start, '%d %b %Y'), strftime(task_plan_finish, '%d %b %Y'),
                             strftime(baseline_start, '%d %b %Y'), strftime(baseline_finish, '%d %b %Y')) end,
            case when tasks_carry_plan and tasks_outside_evm > 0
                 then printf('%d task(s) have no baseline: left out of EV and PV alike', tasks_outside_evm) end,
            case when tasks_carry_plan and tasks_baseline_start_from_first_load > 0
                 then printf('%d task(s) have no baseline start: the start of their first month loaded is used',
                             tasks_baseline_start_from_first_load) end
        ], lambda flag: flag is not null) as data_quality
    from base
),

ledger as (
    -- actual costs booked in the month's cost ledger up to its status date
    select c.period, c.project_id, sum(c.amount) as ledger_actual_cost
    from stg_costs c
    join dated_ids p using (period, project_id)
    where c.cost_type = 'actual' and c.month <= p.status_date
    group by c.period, c.project_id
),

evm as (
    select
        b.*,
        budget as bac,
        budget * percent_done / 100 as ev,
        budget * planned_percent / 100 as pv,
        -- AC (ACWP): the register's actual cost; a project without one, its ledger's actuals to the
        -- status date. One definition: the cards, the curve, the deck and the exports all read it.
        coalesce(actual_cost, l.ledger_actual_cost) as ac,
        case when actual_cost is not null then 'register' when l.ledger_actual_cost is not null then 'cost ledger' end
            as ac_source
    from basis b
    left join ledger l using (period, project_id)
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

estimates as (
    select
        *,
        coalesce(forecast_cost, bac / nullif(cpi, 0)) as eac,
        case when forecast_cost is not null then 'reported forecast' when cpi is not null then 'BAC / CPI' end as eac_method,
        -- independent estimates (PMBOK): cost efficiency alone, and cost and schedule together
        bac / nullif(cpi, 0) as eac_independent,
        ac + (bac - ev) / nullif(cpi * spi, 0) as eac_cpi_spi,
        (bac - ev) / nullif(bac - ac, 0) as tcpi,
        coalesce(forecast_finish, finish_date) as expected_finish,
        date_diff('day', baseline_finish, coalesce(forecast_finish, finish_date)) as finish_variance_days,
        100.0 * date_diff('day', baseline_finish, coalesce(forecast_finish, finish_date))
            / nullif(date_diff('day', baseline_start, baseline_finish), 0) as finish_variance_pct
    from indices
),

judged as (
    -- the EAC the cost rule judges (evm.cost_overrun_eac): the reported one, the independent
    -- BAC / CPI, or the worse of the two, so a forecast nobody revised cannot hide an overrun
    select
        e.*,
        case c.value
            when 'reported' then e.eac
            when 'independent' then coalesce(e.eac_independent, e.eac)
            else greatest(e.eac, e.eac_independent)
        end as overrun_eac,
        case
            when c.value = 'reported' or e.eac_independent is null then e.eac_method
            when c.value = 'independent' or e.eac_independent > e.eac then 'BAC / CPI'
            else e.eac_method
        end as overrun_eac_method
    from estimates e
    cross join (select value from cfg_text_settings where name = 'cost_overrun_eac') c
)

select
    *,
    bac - eac as vac,
    eac - ac as etc,
    100.0 * (overrun_eac - bac) / nullif(bac, 0) as cost_overrun_pct
from judged

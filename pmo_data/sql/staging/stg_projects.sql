-- One row per project and month. When several sources describe a project (the register and a
-- tracker export), each column takes the value of the latest import that has one. A project that
-- was in last month's imports but is absent from this month's (and was not finished) is carried
-- forward with last month's values and `carried_from` set: it stays visible, flagged "no update".
with projects as (select * from projects),

loaded as (
    select
        period,
        project_id,
        arg_max(project_name, import_id) filter (where project_name is not null) as project_name,
        arg_max(program, import_id) filter (where program is not null) as program,
        arg_max(portfolio, import_id) filter (where portfolio is not null) as portfolio,
        arg_max(department, import_id) filter (where department is not null) as department,
        arg_max(manager, import_id) filter (where manager is not null) as manager,
        arg_max(sponsor, import_id) filter (where sponsor is not null) as sponsor,
        arg_max(strategic_objective, import_id) filter (where strategic_objective is not null) as strategic_objective,
        arg_max(status, import_id) filter (where status is not null) as status,
        arg_max(phase, import_id) filter (where phase is not null) as phase,
        arg_max(priority, import_id) filter (where priority is not null) as priority,
        arg_max(start_date, import_id) filter (where start_date is not null) as start_date,
        arg_max(finish_date, import_id) filter (where finish_date is not null) as finish_date,
        arg_max(baseline_start, import_id) filter (where baseline_start is not null) as baseline_start,
        arg_max(baseline_finish, import_id) filter (where baseline_finish is not null) as baseline_finish,
        arg_max(forecast_finish, import_id) filter (where forecast_finish is not null) as forecast_finish,
        arg_max(budget, import_id) filter (where budget is not null) as budget,
        arg_max(actual_cost, import_id) filter (where actual_cost is not null) as actual_cost,
        arg_max(forecast_cost, import_id) filter (where forecast_cost is not null) as forecast_cost,
        arg_max(percent_complete, import_id) filter (where percent_complete is not null) as percent_complete,
        arg_max(reported_health, import_id) filter (where reported_health is not null) as reported_health
    from projects
    group by period, project_id
),

carried as (
    select prev.* exclude (period), months.period, prev.period as carried_from
    from stg_periods months
    join loaded prev on prev.period = months.previous_period
    where coalesce(prev.percent_complete, 0) < 100
      and not exists (select 1 from loaded cur where cur.period = months.period and cur.project_id = prev.project_id)
),

final as (
    select *, null::date as carried_from from loaded
    union all by name
    select * from carried
)

select * from final

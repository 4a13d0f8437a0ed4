-- One row per stage gate and month (the latest import wins when two sources name the same gate).
with gates as (select * replace (resolved_project(project_id) as project_id) from gates),

final as (
    select
        period,
        project_id,
        gate,
        arg_max(phase, import_id) as phase,
        arg_max(planned_date, import_id) as planned_date,
        arg_max(forecast_date, import_id) as forecast_date,
        arg_max(status, import_id) as status
    from gates
    group by period, project_id, gate
)

select * from final

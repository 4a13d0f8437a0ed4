-- One row per risk or issue and month (the latest import wins when two sources share an id).
with risks as (select * from risks),

final as (
    select
        period,
        project_id,
        risk_id,
        arg_max(kind, import_id) as kind,
        arg_max(title, import_id) as title,
        arg_max(category, import_id) as category,
        arg_max(probability, import_id) as probability,
        arg_max(impact, import_id) as impact,
        arg_max(score, import_id) as score,
        arg_max(cost_impact, import_id) as cost_impact,
        arg_max(owner, import_id) as owner,
        coalesce(arg_max(status, import_id), 'open') as status,
        arg_max(raised_date, import_id) as raised_date,
        arg_max(due_date, import_id) as due_date,
        arg_max(mitigation, import_id) as mitigation,
        arg_max(depends_on_project, import_id) as depends_on_project
    from risks
    group by period, project_id, risk_id
)

select * from final

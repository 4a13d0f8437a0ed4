-- Money per project, month and cost type as a reporting month's plans give it (the latest import
-- wins when two sources give the same project, month and type).
with costs as (select * replace (resolved_project(project_id) as project_id) from costs),

final as (
    select
        period,
        project_id,
        month,
        cost_type,
        arg_max(amount, import_id) as amount
    from costs
    group by period, project_id, month, cost_type
)

select * from final

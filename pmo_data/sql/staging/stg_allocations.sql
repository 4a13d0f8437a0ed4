-- Planned hours per person, project and plan month. When two sources plan the same person,
-- project and month, the latest import wins (a plan is not added to another plan).
with allocations as (select * replace (resolved_project(project_id) as project_id) from allocations),

final as (
    select period, resource_name, project_id, month, arg_max(planned_hours, import_id) as planned_hours
    from allocations
    group by all
)

select * from final

-- Hours logged per person, month worked and project as a reporting month's timesheets give them.
-- Two timesheets of the same person are added: each logs its own entries (unlike two plans of the
-- same month, which are two versions of one plan).
with actual_hours as (select * replace (resolved_project(project_id) as project_id) from actual_hours),

final as (
    select
        period,
        resource_name,
        project_id,
        date_trunc('month', work_date)::date as month,
        sum(hours) as actual_hours,
        count(*) as entries
    from actual_hours
    group by all
)

select * from final

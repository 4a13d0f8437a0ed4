-- The path to green of each project and month: the steps (action, owner, target date) of the
-- version written last, an import's or an editor's (as for stg_status_reports).
with steps as (
    select
        p.* exclude (written_by, written_at, extra, project_id),
        resolved_project(p.project_id) as project_id,
        coalesce(p.written_by, i.imported_by) as written_by,
        coalesce(p.written_at, i.imported_at) as written_at
    from path_to_green p
    left join imports i on i.import_id = p.import_id
),

final as (
    select *
    from steps
    qualify written_at = max(written_at) over (partition by period, project_id)
)

select * from final

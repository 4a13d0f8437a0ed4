-- One status report per project and month: the project manager's commentary as it stands. An
-- import's report and an editor's sit side by side (neither overwrites the other); the one written
-- last is shown, and `versions` says how many there are. `written_by` / `written_at`: the editor,
-- or the user and time of the import.
with reports as (
    select
        r.* exclude (written_by, written_at, extra, project_id),
        resolved_project(r.project_id) as project_id,
        coalesce(r.written_by, i.imported_by) as written_by,
        coalesce(r.written_at, i.imported_at) as written_at
    from status_reports r
    left join imports i on i.import_id = r.import_id
),

final as (
    select *, count(*) over (partition by period, project_id) as versions
    from reports
    qualify row_number() over (partition by period, project_id order by written_at desc, import_id desc nulls first) = 1
)

select * from final

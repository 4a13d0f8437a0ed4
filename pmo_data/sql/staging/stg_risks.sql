-- One row per RAID log entry and month: of the rows listing it that month, the one written last
-- gives each value (an import's, or an editor's from the Project page; two imports: the later).
-- An editor's row never replaces an imported one, it is written after it.
with risks as (
    select
        r.* exclude (written_by, written_at, project_id),
        resolved_project(r.project_id) as project_id,
        coalesce(r.written_by, i.imported_by) as written_by,
        coalesce(r.written_at, i.imported_at) as written_at,
        (coalesce(r.written_at, i.imported_at), coalesce(r.import_id, 0)) as written_order
    from risks r
    left join imports i on i.import_id = r.import_id
),

final as (
    select
        period,
        project_id,
        risk_id,
        arg_max(kind, written_order) as kind,
        arg_max(title, written_order) as title,
        arg_max(category, written_order) as category,
        arg_max(probability, written_order) as probability,
        arg_max(impact, written_order) as impact,
        arg_max(score, written_order) as score,
        arg_max(cost_impact, written_order) as cost_impact,
        arg_max(owner, written_order) as owner,
        coalesce(arg_max(status, written_order), 'open') as status,
        arg_max(raised_date, written_order) as raised_date,
        arg_max(due_date, written_order) as due_date,
        arg_max(mitigation, written_order) as mitigation,
        arg_max(depends_on_project, written_order) as depends_on_project,
        -- who wrote the latest row (a struct: never skipped for an empty name, as arg_max skips nulls)
        arg_max({'origin': origin, 'written_by': written_by, 'written_at': written_at}, written_order) as latest
    from risks
    group by period, project_id, risk_id
)

select * exclude (latest), latest.origin, latest.written_by, latest.written_at from final

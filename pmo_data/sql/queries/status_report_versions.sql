-- Every stored version of one project's status report in one month, newest first: an import's and
-- an editor's sit side by side (neither overwrites the other), the first is the one shown.
select
    r.summary,
    r.achievements,
    r.next_steps,
    r.sponsor_asks,
    r.reported_by,
    r.report_date,
    r.origin,
    i.file_name,
    coalesce(r.written_by, i.imported_by) as written_by,
    coalesce(r.written_at, i.imported_at) as written_at
from status_reports r
left join imports i on i.import_id = r.import_id
where r.period = $period and r.project_id = $project_id
order by written_at desc, r.import_id desc nulls first

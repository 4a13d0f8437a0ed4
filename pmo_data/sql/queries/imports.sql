-- Import history, newest first, with how many of each import's rows are still current
-- (later uploads of the same project replace earlier ones).
with current_rows as (
    select import_id, count(*) as rows_current from (
        select import_id from projects
        union all select import_id from tasks
        union all select import_id from risks
        union all select import_id from resources
        union all select import_id from allocations
    )
    group by import_id
)
select
    imports.import_id,
    imports.period,
    imports.file_name,
    imports.source,
    imports.imported_at,
    imports.rows_read,
    imports.rows_loaded,
    imports.rows_rejected,
    coalesce(current_rows.rows_current, 0) as rows_current,
    imports.imported_by,
    imports.warnings
from imports
left join current_rows using (import_id)
order by imports.imported_at desc, imports.import_id desc

-- Import history, newest first, with how many of each import's rows are still current and the
-- later file that corrects it, if one does (its rows are then kept aside, in the `retired` tables).
with current_rows as (
    select import_id, count(*) as rows_current from (
        select import_id from projects
        union all select import_id from tasks
        union all select import_id from risks
        union all select import_id from resources
        union all select import_id from allocations
        union all select import_id from costs
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
    imports.replaced_by,
    imports.imported_by,
    imports.warnings
from imports
left join current_rows using (import_id)
order by imports.imported_at desc, imports.import_id desc

-- "#7 projects.csv" for imports in the history or retired from it.
select import_id, '#' || import_id || ' ' || file_name as name
from (
    select import_id, file_name from imports
    union all
    select import_id, file_name from retired.imports
)
where list_contains($import_ids, import_id)
order by import_id

-- Earlier imports of the same file that this import took the place of (kept in retired.imports).
select import_id
from retired.imports
where replaced_by = $import_id
order by import_id

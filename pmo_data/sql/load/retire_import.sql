-- An import leaves the history for retired.imports (removed, or imported again as the same file),
-- marked with when, and with the import that imported the same file again, if that is why.
insert into retired.imports by name
select * replace ($replaced_by::integer as replaced_by, $retired_at::timestamp as retired_at)
from imports
where import_id = $import_id

-- A removed import back into the history, current until the month is settled again.
insert into imports by name
select * replace (null::integer as replaced_by, null::timestamp as retired_at)
from retired.imports
where import_id = $import_id

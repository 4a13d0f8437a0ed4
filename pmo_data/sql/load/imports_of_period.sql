-- A month's imports in the order they were made: the order corrections apply in.
select import_id, source, file_sha256, replaced_by, retired_at
from imports
where period = $period
order by import_id

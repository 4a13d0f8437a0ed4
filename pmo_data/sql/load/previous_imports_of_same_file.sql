-- Earlier imports of the very same file (same content) for the same period: the new one takes their place.
select import_id
from imports
where period = $period and file_sha256 = $file_sha256

-- The current imports of any of these files (by their content's SHA-256), oldest first.
select import_id
from imports
where list_contains($digests, file_sha256)
order by import_id

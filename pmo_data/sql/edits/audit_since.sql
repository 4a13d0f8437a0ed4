-- The audit entries written after a moment (a backup's newest), oldest first: what a restore from
-- that backup carries over, so the trail is never erased with the data.
select logged_at, user_name, role, action, detail, import_id, undoes
from audit_log
where $since is null or logged_at > $since
order by logged_at, audit_id

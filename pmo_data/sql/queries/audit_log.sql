-- The audit log, newest first, of the actions asked for (every action when none is named).
select logged_at, user_name, role, action, detail, import_id
from audit_log
where len($actions::varchar[]) = 0 or list_contains($actions::varchar[], action)
order by logged_at desc, audit_id desc nulls last
limit $limit

-- The newest removal or replacement (the actions in $undoable) not undone yet: what `undo` takes
-- back. Entries from before schema 009 name no import (their rows were deleted for good) and are
-- never undoable.
select audit_id, logged_at, user_name, action, detail, import_id
from audit_log
where list_contains($undoable, action)
  and import_id is not null
  and audit_id not in (select undoes from audit_log where undoes is not null)
order by audit_id desc
limit 1

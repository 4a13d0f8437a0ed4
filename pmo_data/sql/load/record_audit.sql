insert into audit_log (logged_at, user_name, role, action, detail, import_id, undoes)
values ($logged_at, $user_name, $role, $action, $detail, $import_id, $undoes)

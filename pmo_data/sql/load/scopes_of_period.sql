-- The projects (people, for resources and allocations) each of a month's imports loaded rows for, per table.
select import_scopes.import_id, import_scopes.table_name, import_scopes.scope_key
from import_scopes
join imports using (import_id)
where imports.period = $period

-- Imports whose rows stopped being current before the cut-off: removed, imported again, or
-- replaced by a correction. Their rows can no longer be brought back.
select import_id from retired.imports where retired_at < $cutoff
union all
select import_id from imports where replaced_by is not null and retired_at < $cutoff

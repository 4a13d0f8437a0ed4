-- The projects of a month, as the register and the trackers give them.
select distinct project_id from stg_projects where period = $period

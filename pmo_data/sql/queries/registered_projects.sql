-- The projects a month's register (and trackers) name: what entries of other files must point at.
select distinct project_id from stg_projects where period = $period

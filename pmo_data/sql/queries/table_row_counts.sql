-- Rows per canonical table, for one period or (period null) all of them.
select 'projects' as table_name, count(*) as row_count from projects where $period is null or period = $period
union all select 'tasks', count(*) from tasks where $period is null or period = $period
union all select 'risks', count(*) from risks where $period is null or period = $period
union all select 'resources', count(*) from resources where $period is null or period = $period
union all select 'allocations', count(*) from allocations where $period is null or period = $period
union all select 'costs', count(*) from costs where $period is null or period = $period
union all select 'status_reports', count(*) from status_reports where $period is null or period = $period
union all select 'path_to_green', count(*) from path_to_green where $period is null or period = $period
union all select 'gates', count(*) from gates where $period is null or period = $period
union all select 'actual_hours', count(*) from actual_hours where $period is null or period = $period

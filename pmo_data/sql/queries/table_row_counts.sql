-- Rows per canonical table, for one period or (period null) all of them.
select 'projects' as table_name, count(*) as row_count from projects where $period is null or period = $period
union all select 'tasks', count(*) from tasks where $period is null or period = $period
union all select 'risks', count(*) from risks where $period is null or period = $period
union all select 'resources', count(*) from resources where $period is null or period = $period
union all select 'allocations', count(*) from allocations where $period is null or period = $period
union all select 'costs', count(*) from costs where $period is null or period = $period

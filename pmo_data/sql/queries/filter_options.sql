-- The values each sidebar filter can take in one month.
select
    coalesce(list(distinct portfolio order by portfolio) filter (where portfolio is not null), []) as portfolios,
    coalesce(list(distinct program order by program) filter (where program is not null), []) as programs,
    coalesce(list(distinct department order by department) filter (where department is not null), []) as departments,
    coalesce(list(distinct manager order by manager) filter (where manager is not null), []) as managers
from kpi_project_health
where period = $period

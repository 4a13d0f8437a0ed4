-- The values each sidebar filter can take in one month.
select
    list(distinct portfolio order by portfolio) filter (where portfolio is not null) as portfolios,
    list(distinct program order by program) filter (where program is not null) as programs,
    list(distinct department order by department) filter (where department is not null) as departments,
    list(distinct manager order by manager) filter (where manager is not null) as managers
from kpi_project_health
where period = $period

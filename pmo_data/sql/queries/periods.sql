-- Loaded reporting months with what each holds, newest first (risks: risks and issues, not the
-- RAID log's decisions, actions, assumptions and dependencies; people: on the roster or in a plan).
with months as (
    select distinct period from imports
)
select
    months.period,
    (select count(*) from imports i where i.period = months.period) as imports,
    (select count(distinct project_id) from projects p where p.period = months.period) as projects,
    (select count(*) from tasks t where t.period = months.period) as tasks,
    (select count(*) from risks r where r.period = months.period and r.kind in ('risk', 'issue')) as risks,
    -- people on the roster or in a plan (a resource plan with no roster sheet still plans people)
    (select count(distinct resource_name) from (
        select resource_name from resources s where s.period = months.period
        union all select resource_name from allocations a where a.period = months.period
    )) as people
from months
order by months.period desc

-- Hours logged against hours planned, per person and month worked, up to the reporting month:
-- the months a timesheet of the reporting month covers. A person with hours and no plan shows the
-- plan empty (not 0: nothing was planned in the data, which is not the same as planning nothing).
with actual as (
    select resource_name, month, sum(actual_hours) as actual_hours, sum(entries) as entries
    from stg_actual_hours
    where period = $period and month <= $period
    group by all
),

planned as (
    select resource_name, month, sum(planned_hours) as planned_hours
    from stg_allocations
    where period = $period
    group by all
)

select
    a.resource_name,
    a.month,
    p.planned_hours,
    a.actual_hours,
    a.actual_hours - p.planned_hours as difference_hours,
    a.entries
from actual a
left join planned p on p.resource_name = a.resource_name and p.month = a.month
order by a.resource_name, a.month

-- Capacity against demand by team (or role) and plan month, for one month's plan.
select *
from kpi_capacity_demand
where period = $period and group_type = $group_type
order by group_name, month

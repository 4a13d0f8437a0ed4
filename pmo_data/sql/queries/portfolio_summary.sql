-- kpi_portfolio_summary for one month: the whole portfolio first, then each group.
select *
from kpi_portfolio_summary
where period = $period
order by list_position(['all', 'portfolio', 'program', 'department'], group_type), group_name

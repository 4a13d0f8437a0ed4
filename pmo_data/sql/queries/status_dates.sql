-- The status dates the filtered projects' figures are measured at in one month (one, unless the
-- month's sources state different ones): what every slide and page says its figures are "as of".
select distinct status_date
from selected_projects($period, $portfolios, $programs, $departments, $managers, $health)
where status_date is not null
order by status_date

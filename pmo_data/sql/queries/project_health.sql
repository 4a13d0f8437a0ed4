-- Project health rows for one month under the dashboard's filters, worst first.
select *
from selected_projects($period, $portfolios, $programs, $departments, $managers, $health)
order by list_position(['red', 'amber', 'grey', 'green'], health), watermelon desc, project_name

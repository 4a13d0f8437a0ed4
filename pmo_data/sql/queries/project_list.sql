-- Projects of the filtered set in one month, for a picker: id, name and health.
select project_id, project_name, health
from selected_projects($period, $portfolios, $programs, $departments, $managers, $health)
order by project_name

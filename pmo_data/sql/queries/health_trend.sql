-- Projects by health in every loaded month, for the filtered projects.
select period, health, count(*) as projects
from selected_projects(null, $portfolios, $programs, $departments, $managers, $health)
group by period, health
order by period, list_position(['green', 'amber', 'red', 'grey'], health)

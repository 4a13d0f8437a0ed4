-- Projects by health in every loaded month up to the month asked for, for the filtered projects
-- (a September deck never shows October).
select period, health, count(*) as projects
from selected_projects(null, $portfolios, $programs, $departments, $managers, $health)
where $period is null or period <= $period
group by period, health
order by period, list_position(['green', 'amber', 'red', 'grey'], health)

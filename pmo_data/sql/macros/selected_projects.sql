-- The rows of kpi_project_health that pass the dashboard's filters; every filtered query starts here.
-- A null argument means "no filter" (all periods, all programs, …).
create or replace macro selected_projects(p_period, p_portfolios, p_programs, p_departments, p_managers, p_health) as table
    select *
    from kpi_project_health
    where (p_period is null or period = p_period)
      and (p_portfolios is null or list_contains(p_portfolios, portfolio))
      and (p_programs is null or list_contains(p_programs, program))
      and (p_departments is null or list_contains(p_departments, department))
      and (p_managers is null or list_contains(p_managers, manager))
      and (p_health is null or list_contains(p_health, health))

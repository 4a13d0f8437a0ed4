-- The portfolio roadmap in one month: each filtered project's baseline (start to finish) against
-- its forecast (its start, else the baseline start, to its expected finish), with its computed
-- health, by program. kpi_project_health keeps no forecast start: the register's start date is
-- read from stg_projects (a project not started has none and starts on its baseline).
with scoped as (
    select * from selected_projects($period, $portfolios, $programs, $departments, $managers, $health)
),

starts as (
    select project_id, start_date
    from stg_projects
    where period = $period
)

select
    s.project_id,
    s.project_name,
    coalesce(s.program, 'No program') as program,
    s.health,
    s.status,
    s.status_date,
    s.baseline_start,
    s.baseline_finish,
    coalesce(st.start_date, s.baseline_start) as forecast_start,
    s.expected_finish as forecast_finish,
    s.finish_variance_days,
    s.percent_complete
from scoped s
left join starts st using (project_id)
order by program, coalesce(st.start_date, s.baseline_start) nulls last, s.project_id

-- The project managers' status commentary month by month up to the month asked for, newest month
-- first: of one project ($project_id), else of the projects the filters select in that month.
-- The computed health stands beside it; `reported` is false in a month with no status report.
with selected as (
    select project_id
    from selected_projects($period, $portfolios, $programs, $departments, $managers, $health)
    where $project_id is null or project_id = $project_id
),

steps as (
    select
        period,
        project_id,
        list({'action': action, 'owner': owner, 'target_date': target_date} order by target_date nulls last, action)
            as path_to_green,
        string_agg(action || coalesce(' (' || owner || ')', '') || coalesce(', by ' || strftime(target_date, '%d %b %Y'), ''),
                   chr(10) order by target_date nulls last, action) as path_to_green_text
    from stg_path_to_green
    group by period, project_id
)

select
    h.period,
    h.project_id,
    h.project_name,
    h.manager,
    h.assessed_health as health,  -- the computed health, not a PMO override
    h.reported_health,
    s.project_id is not null as reported,
    s.summary,
    s.achievements,
    s.next_steps,
    coalesce(g.path_to_green, []) as path_to_green,
    g.path_to_green_text,
    s.sponsor_asks,
    s.reported_by,
    s.report_date,
    s.origin,
    s.written_by,
    s.written_at,
    coalesce(s.versions, 0) as versions
from kpi_project_health h
left join stg_status_reports s on s.period = h.period and s.project_id = h.project_id
left join steps g on g.period = h.period and g.project_id = h.project_id
where h.period <= $period and h.project_id in (select project_id from selected)
order by h.project_id, h.period desc

-- RAG by program for the filtered projects in one month: how many projects of each health shown,
-- and each health dimension's worst level with how many projects are red or amber in it. A project
-- with no update this month shows the health last assessed: its dimensions are that month's too,
-- so each project counts with one month's values.
with scoped as (
    select * from selected_projects($period, $portfolios, $programs, $departments, $managers, $health)
),

levels as (
    select
        coalesce(s.program, 'No program') as program,
        s.health,
        unnest([
            {'dimension': 'schedule', 'level': a.schedule_health},
            {'dimension': 'milestones', 'level': a.milestones_health},
            {'dimension': 'cost', 'level': a.cost_health},
            {'dimension': 'risk', 'level': a.risk_health}
        ], recursive := true)
    from scoped s
    join kpi_project_health a on a.project_id = s.project_id and a.period = coalesce(s.health_assessed_for, s.period)
),

by_dimension as (
    select
        program,
        dimension,
        -- worst first: red, amber, green; grey only when no project of the program is assessed
        coalesce(
            ['green', 'amber', 'red'][max(list_position(['green', 'amber', 'red'], level))],
            'grey'
        ) as worst,
        count(*) filter (where level = 'red') as red,
        count(*) filter (where level = 'amber') as amber
    from levels
    group by all
),

overall as (
    select
        coalesce(program, 'No program') as program,
        count(*) as projects,
        count(*) filter (where health = 'red') as red,
        count(*) filter (where health = 'amber') as amber,
        count(*) filter (where health = 'green') as green,
        count(*) filter (where health = 'grey') as grey,
        count(*) filter (where watermelon) as watermelons
    from scoped
    group by all
)

select
    o.*,
    s.worst as schedule, s.red as schedule_red, s.amber as schedule_amber,
    m.worst as milestones, m.red as milestones_red, m.amber as milestones_amber,
    c.worst as cost, c.red as cost_red, c.amber as cost_amber,
    r.worst as risk, r.red as risk_red, r.amber as risk_amber
from overall o
left join by_dimension s on s.program = o.program and s.dimension = 'schedule'
left join by_dimension m on m.program = o.program and m.dimension = 'milestones'
left join by_dimension c on c.program = o.program and c.dimension = 'cost'
left join by_dimension r on r.program = o.program and r.dimension = 'risk'
order by o.red desc, o.amber desc, o.program

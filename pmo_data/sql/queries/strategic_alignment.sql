-- Budget and health by strategic objective for the filtered projects in one month.
with scoped as (
    select * from selected_projects($period, $portfolios, $programs, $departments, $managers, $health)
),

hours as (
    select project_id, sum(planned_hours) as planned_hours
    from stg_allocations
    where period = $period
    group by all
)

select
    coalesce(strategic_objective, 'Unaligned') as strategic_objective,
    strategic_objective is null as unaligned,
    count(*) as projects,
    sum(bac) as budget,
    round(100.0 * sum(bac) / nullif(sum(sum(bac)) over (), 0), 1) as budget_share_pct,
    sum(eac) as eac,
    count(*) filter (where health = 'green') as green,
    count(*) filter (where health = 'amber') as amber,
    count(*) filter (where health = 'red') as red,
    count(*) filter (where health = 'grey') as grey,
    -- each objective's budget split by the budgets of its projects of each health
    coalesce(sum(bac) filter (where health = 'green'), 0) as green_budget,
    coalesce(sum(bac) filter (where health = 'amber'), 0) as amber_budget,
    coalesce(sum(bac) filter (where health = 'red'), 0) as red_budget,
    coalesce(sum(bac) filter (where health = 'grey'), 0) as grey_budget,
    coalesce(sum(hours.planned_hours), 0) as planned_hours
from scoped
left join hours using (project_id)
group by all
order by unaligned, budget desc

-- Budget and health by strategic objective for the filtered projects in one month.
with scoped as (
    select * from selected_projects($period, $portfolios, $programs, $departments, $managers, $health)
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
    count(*) filter (where health = 'grey') as grey
from scoped
group by all
order by unaligned, budget desc

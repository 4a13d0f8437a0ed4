-- The RAID log's entries other than risks and issues (assumptions, dependencies, decisions,
-- actions, change requests) in every month, carried month to month:
-- an entry still open in the last month that listed it stays open in every later month until a
-- row closes it, even when a month's log leaves it out (`carried_from`: the month it was last
-- listed). A closed entry shows in the months that list it. `first_period`: the month it was
-- first listed (the review that raised it). A view, like stg_projects, which carries projects alike;
-- its name sorts after the views it reads, as a backup (EXPORT DATABASE) writes views in name order.
with entries as (
    select * from stg_risks where kind not in ('risk', 'issue')
),

latest_listing as (
    -- for every month, each entry's latest listing up to that month
    select months.period, e.project_id, e.risk_id, max(e.period) as listed_period, min(e.period) as first_period
    from stg_periods months
    join entries e on e.period <= months.period
    group by all
),

final as (
    select
        l.period,
        e.* exclude (period),
        months.status_date,
        case when l.listed_period < l.period then l.listed_period end as carried_from,
        l.first_period
    from latest_listing l
    join entries e on e.period = l.listed_period and e.project_id = l.project_id and e.risk_id = l.risk_id
    join stg_periods months on months.period = l.period
    where l.listed_period = l.period or e.status = 'open'
)

select * from final

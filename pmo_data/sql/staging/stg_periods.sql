-- Reporting months with their status date and the previous loaded month.
-- Status date = the month's last day, or the export date the month's measuring sources state (the
-- files giving projects a budget, percent complete or actual cost: the register) if that is
-- earlier. Another file's export date (a tracker's) does not move it: it dates only its own
-- projects (stg_project_status_dates), and a month whose sources disagree shows both dates.
with months as (
    select distinct period from imports
),

measuring as (
    select p.period, max(i.as_of) filter (where i.as_of <= last_day(p.period)) as stated_as_of
    from projects p
    join imports i using (import_id)
    where p.budget is not null or p.percent_complete is not null or p.actual_cost is not null
    group by p.period
),

final as (
    select
        m.period,
        least(last_day(m.period), coalesce(s.stated_as_of, last_day(m.period))) as status_date,
        lag(m.period) over (order by m.period) as previous_period
    from months m
    left join measuring s using (period)
)

select * from final

-- Reporting months with their status date and the previous loaded month.
-- Status date = the month's last day, or the latest export date a file of that month states
-- if that is earlier.
with months as (
    select
        period,
        max(as_of) filter (where as_of <= last_day(period)) as stated_as_of
    from imports
    group by period
),

final as (
    select
        period,
        least(last_day(period), coalesce(stated_as_of, last_day(period))) as status_date,
        lag(period) over (order by period) as previous_period
    from months
)

select * from final

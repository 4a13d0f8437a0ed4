-- Per person, plan month and reporting month: planned hours against capacity. Everyone on the
-- month's roster has a row for every plan month (0 h where nothing is planned), and so does anyone
-- planned but not on the roster. Capacity is the person's stated hours per month, else
-- hours_per_day × the month's working days (Mon–Fri).
with planned as (
    select period, resource_name, month, sum(planned_hours) as planned_hours
    from stg_allocations
    group by period, resource_name, month
),

plan_months as (
    select distinct period, month from stg_allocations
),

allocations as (
    select period, resource_name, month, coalesce(p.planned_hours, 0) as planned_hours
    from (select r.period, r.resource_name, m.month from stg_resources r join plan_months m using (period)) roster
    full join planned p using (period, resource_name, month)
),

months as (
    select distinct month from stg_allocations
),

working_days as (
    select months.month, count(*) as working_days
    from months, range(months.month, months.month + interval 1 month, interval 1 day) as days(day)
    where isodow(days.day) <= 5
    group by months.month
),

final as (
    select
        a.period,
        a.resource_name,
        r.team,
        r.role,
        a.month,
        a.planned_hours,
        coalesce(
            r.capacity_hours_per_month,
            w.working_days * (select value from cfg_settings where name = 'hours_per_day')
        ) as capacity_hours,
        case when r.capacity_hours_per_month is null then 'working days' else 'stated' end as capacity_source
    from allocations a
    left join stg_resources r using (period, resource_name)
    join working_days w using (month)
)

select * from final

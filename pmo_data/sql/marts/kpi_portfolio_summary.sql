-- Per month, for the whole portfolio (group_type 'all') and per portfolio, program and department:
-- projects by health, money, performance medians, open risks by band, over-allocated people,
-- and the same figures' change since the previous month.
with health as (select * from kpi_project_health),

over_allocated as (
    -- people over-allocated in the horizon months, with the projects that load them there
    select distinct l.period, a.resource_name, a.project_id
    from kpi_resource_load l
    join stg_allocations a using (period, resource_name, month)
    where l.in_horizon and l.load_band = 'over-allocated'
),

risks as (
    select period, project_id,
        count(*) filter (where band = 'Low') as low,
        count(*) filter (where band = 'Medium') as medium,
        count(*) filter (where band = 'High') as high,
        count(*) filter (where band = 'Critical') as critical
    from kpi_risks
    where status = 'open' and kind = 'risk'
    group by all
),

summary as (
    select
        h.period,
        case
            when grouping(h.portfolio) = 0 then 'portfolio'
            when grouping(h.program) = 0 then 'program'
            when grouping(h.department) = 0 then 'department'
            else 'all'
        end as group_type,
        coalesce(
            case when grouping(h.portfolio) = 0 then h.portfolio
                 when grouping(h.program) = 0 then h.program
                 when grouping(h.department) = 0 then h.department
                 else 'All projects' end,
            '(none)'
        ) as group_name,
        count(*) as projects,
        count(*) filter (where h.health = 'green') as green,
        count(*) filter (where h.health = 'amber') as amber,
        count(*) filter (where h.health = 'red') as red,
        count(*) filter (where h.health = 'grey') as grey,
        count(*) filter (where h.watermelon) as watermelons,
        sum(h.bac) as budget,
        sum(h.ac) as actual_cost,
        sum(h.eac) as eac,
        sum(h.vac) as vac,
        median(h.spi) as median_spi,
        median(h.cpi) as median_cpi,
        coalesce(sum(r.low), 0)::integer as open_low_risks,
        coalesce(sum(r.medium), 0)::integer as open_medium_risks,
        coalesce(sum(r.high), 0)::integer as open_high_risks,
        coalesce(sum(r.critical), 0)::integer as open_critical_risks,
        list(h.project_id) as project_ids
    from health h
    left join risks r using (period, project_id)
    group by grouping sets ((h.period), (h.period, h.portfolio), (h.period, h.program), (h.period, h.department))
),

members as (
    select period, group_type, group_name, unnest(project_ids) as project_id from summary
),

people_per_group as (
    select m.period, m.group_type, m.group_name, count(distinct o.resource_name) as over_allocated_people
    from members m
    join over_allocated o using (period, project_id)
    group by all
),

with_people as (
    select s.* exclude (project_ids), coalesce(p.over_allocated_people, 0) as over_allocated_people
    from summary s
    left join people_per_group p using (period, group_type, group_name)
),

final as (
    select
        cur.*,
        periods.previous_period,
        cur.red - prev.red as red_delta,
        cur.amber - prev.amber as amber_delta,
        cur.green - prev.green as green_delta,
        cur.watermelons - prev.watermelons as watermelons_delta,
        cur.eac - prev.eac as eac_delta,
        cur.median_spi - prev.median_spi as median_spi_delta,
        cur.median_cpi - prev.median_cpi as median_cpi_delta,
        cur.open_critical_risks - prev.open_critical_risks as open_critical_risks_delta,
        cur.over_allocated_people - prev.over_allocated_people as over_allocated_people_delta
    from with_people cur
    join stg_periods periods using (period)
    left join with_people prev
        on prev.period = periods.previous_period and prev.group_type = cur.group_type and prev.group_name = cur.group_name
)

select * from final

-- One row per person and month (the latest import wins).
with resources as (select * from resources),

final as (
    select
        period,
        resource_name,
        arg_max(team, import_id) filter (where team is not null) as team,
        arg_max(role, import_id) filter (where role is not null) as role,
        arg_max(capacity_hours_per_month, import_id) filter (where capacity_hours_per_month is not null)
            as capacity_hours_per_month
    from resources
    group by period, resource_name
)

select * from final

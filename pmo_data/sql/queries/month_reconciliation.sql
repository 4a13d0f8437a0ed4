-- Does the month add up? One line per thing an analyst must look at before the review, each from
-- the rows themselves (never averaged away): entries naming a project the month does not hold,
-- the same risk entered twice, status dates that differ between sources, plans far from the month,
-- two files giving the same project's figure different values, and projects a tracker describes
-- that no register measures. `what` says it, `next` what to do.
with registered as (
    select project_id from stg_projects where period = $period
),

named as (
    select project_id, sum(raid_entries) as raid_entries, sum(tasks) as tasks
    from (
        select project_id, count(*) as raid_entries, 0 as tasks
        from stg_risks where period = $period and project_id not in (select project_id from registered) group by all
        union all
        select project_id, 0, count(*) from stg_tasks
        where period = $period and project_id not in (select project_id from registered) group by all
    )
    group by project_id
),

unregistered as (
    select 'project not registered' as kind, project_id as subject,
           concat_ws(' and ',
                     case when raid_entries = 1 then '1 RAID entry' when raid_entries > 1 then raid_entries || ' RAID entries' end,
                     case when tasks = 1 then '1 task' when tasks > 1 then tasks || ' tasks' end)
               || case when raid_entries + tasks = 1 then ' names it; it is' else ' name it; they are' end
               || ' in no figure' as what,
           'import the register that holds it, or map the ID to its project (below)' as next
    from named
),

repeated as (
    select 'risk entered twice' as kind, project_id as subject,
           printf('"%s" is entered %d times (%s); it counts once', any_value(title), count(*),
                  string_agg(risk_id, ', ' order by risk_id)) as what,
           'remove the repeat from the RAID log, or give the entries different titles if they differ' as next
    from stg_risks
    where period = $period and kind = 'risk' and status = 'open' and title is not null
    group by project_id, lower(regexp_replace(trim(title), '\s+', ' ', 'g'))
    having count(*) > 1
),

dates as (
    select 'status dates differ' as kind, 'the month' as subject,
           'the projects are measured at '
               || array_to_string(list_transform(list_sort(list(distinct status_date)), lambda d: strftime(d, '%d %b %Y')), ' and ')
               as what,
           'each project keeps its source''s date; check the exports were taken when intended' as next
    from stg_project_status_dates
    where period = $period
    having count(distinct status_date) > 1
),

far as (
    select 'plan far from the month' as kind, i.file_name as subject,
           printf('its months run %s to %s', strftime(min(a.month), '%b %Y'), strftime(max(a.month), '%b %Y')) as what,
           'check the file is this month''s plan (a plan of another year was perhaps uploaded)' as next
    from (select import_id, month from allocations where period = $period
          union all select import_id, month from costs where period = $period) a
    join imports i using (import_id)
    group by i.file_name
    having max(a.month) < $period - interval 12 month or min(a.month) > $period + interval 24 month
),

facts as (
    -- the same fact of a project from two files: each file's value, the latest import's is used
    select p.project_id, i.file_name, p.import_id, f.fact, f.value
    from projects p
    join imports i using (import_id)
    cross join lateral (values
        ('budget', cast(p.budget as varchar)), ('actual cost', cast(p.actual_cost as varchar)),
        ('forecast cost', cast(p.forecast_cost as varchar)), ('percent complete', cast(p.percent_complete as varchar)),
        ('baseline finish', cast(p.baseline_finish as varchar)), ('forecast finish', cast(p.forecast_finish as varchar))
    ) f(fact, value)
    where p.period = $period and f.value is not null
),

disagreeing as (
    select 'sources disagree' as kind, project_id as subject,
           fact || ': ' || string_agg(value || ' (' || file_name || ')', ' vs ' order by import_id)
               || '; the latest file''s is used' as what,
           'correct the older file, or keep the latest as it is' as next
    from facts
    group by project_id, fact
    having count(distinct value) > 1
),

unmeasured as (
    select 'project with no register figures' as kind, p.project_id as subject,
           'no file gives it a budget, baseline or percent complete: it is not assessed' as what,
           'add it to the register, or load the tracker under the register''s project' as next
    from stg_projects p
    where p.period = $period and p.carried_from is null and p.baseline_finish is null and p.budget is null
      and p.percent_complete is null
)

select * from unregistered
union all select * from repeated
union all select * from disagreeing
union all select * from dates
union all select * from far
union all select * from unmeasured
order by kind, subject

-- Per project and month: what its tasks say about progress (summary rows excluded: they roll up
-- their children). BEI (DCMA): tasks done / tasks baselined to finish by the status date.
-- EV % and PV % are measured over one set of tasks with one weight each (ANSI/EIA-748: the same
-- performance measurement baseline): the tasks with a baseline start and finish (all tasks while
-- none has one), weighted by their estimate where the project's tasks have hours (a 0-hour
-- milestone weighs nothing), else one each.
with tasks as (
    select t.*, coalesce(d.status_date, p.status_date) as status_date  -- the project's own status date
    from stg_tasks t
    join stg_periods p using (period)
    left join stg_project_status_dates d using (period, project_id)
    where not t.is_summary
),

weighting as (
    select
        period,
        project_id,
        coalesce(sum(estimate_hours), 0) > 0 as by_work,
        bool_or(baseline_start is not null and baseline_finish is not null) as any_baselined
    from tasks
    group by period, project_id
),

measured as (
    select
        t.*,
        w.by_work,
        (t.baseline_start is not null and t.baseline_finish is not null) or not w.any_baselined as in_evm_set,
        t.baseline_start is not null and t.baseline_finish is not null as baselined,
        case when w.by_work then coalesce(t.estimate_hours, 0) else 1 end as weight,
        coalesce(t.percent_complete, case t.status_category
            when 'done' then 100 when 'in_progress' then case when w.by_work then 0 else 50 end else 0 end) as done_percent,
        case
            when t.baseline_finish is null or t.baseline_start is null then null
            when t.status_date >= t.baseline_finish then 1.0
            when t.status_date <= t.baseline_start then 0.0
            else date_diff('day', t.baseline_start, t.status_date) / greatest(date_diff('day', t.baseline_start, t.baseline_finish), 1)
        end as planned_share
    from tasks t
    join weighting w using (period, project_id)
),

final as (
    select
        period,
        project_id,
        count(*) as tasks_total,
        count(*) filter (where status_category = 'done') as tasks_done,
        count(*) filter (where finish_date < status_date and status_category <> 'done') as tasks_overdue,
        count(*) filter (where baseline_finish <= status_date) as tasks_baselined_due,
        count(*) filter (where baseline_finish is not null) as tasks_with_baseline,
        -- percent complete by work where hours exist (in progress without a % counts 0), else by
        -- count (in progress 50 %), over the EV/PV set
        sum(weight * done_percent) filter (where in_evm_set) / nullif(sum(weight) filter (where in_evm_set), 0)
            as task_percent_complete,
        case when bool_or(by_work) then 'work' else 'count' end as task_percent_method,
        -- time-phased plan from the tasks' baselines: each task's planned share grows linearly from
        -- its baseline start to its baseline finish, with the same weights
        100 * sum(weight * planned_share) filter (where baselined) / nullif(sum(weight) filter (where baselined), 0)
            as task_planned_percent,
        count(*) filter (where not in_evm_set) as tasks_outside_evm,
        -- the span the tasks' baseline plan covers, to tell a whole plan from part of one
        min(baseline_start) filter (where baseline_finish is not null) as task_plan_start,
        max(baseline_finish) filter (where baseline_start is not null) as task_plan_finish,
        count(*) filter (where baseline_start_source = 'first loaded start' and baseline_finish is not null)
            as tasks_baseline_start_from_first_load,
        round(
            (count(*) filter (where status_category = 'done'))
                / nullif(count(*) filter (where baseline_finish <= status_date), 0),
            4
        ) as bei
    from measured
    group by period, project_id
)

select * from final

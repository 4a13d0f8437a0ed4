-- Per project and month: what its tasks say about progress (summary rows excluded: they roll up
-- their children). BEI (DCMA): tasks done / tasks baselined to finish by the status date.
with tasks as (
    select t.*, p.status_date
    from stg_tasks t
    join stg_periods p using (period)
    where not t.is_summary
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
        -- percent complete by work where hours exist, else by count
        case
            when sum(estimate_hours) > 0 then
                100 * sum(estimate_hours * coalesce(percent_complete, case status_category when 'done' then 100 else 0 end) / 100)
                    / sum(estimate_hours)
            else avg(coalesce(percent_complete, case status_category when 'done' then 100 when 'in_progress' then 50 else 0 end))
        end as task_percent_complete,
        case when sum(estimate_hours) > 0 then 'work' else 'count' end as task_percent_method,
        -- time-phased plan from the tasks' baselines: each task's planned share grows linearly from
        -- its baseline start to its baseline finish, weighted by its estimate (by count where there are no hours)
        100 * sum(
            coalesce(nullif(estimate_hours, 0), 1) * case
                when baseline_finish is null or baseline_start is null then null
                when status_date >= baseline_finish then 1.0
                when status_date <= baseline_start then 0.0
                else date_diff('day', baseline_start, status_date) / greatest(date_diff('day', baseline_start, baseline_finish), 1)
            end
        ) / nullif(sum(coalesce(nullif(estimate_hours, 0), 1)) filter (where baseline_finish is not null and baseline_start is not null), 0)
            as task_planned_percent,
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
    from tasks
    group by period, project_id
)

select * from final

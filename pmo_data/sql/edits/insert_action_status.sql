-- An action's new status in the month: a row of the month copying the action as it stands, never a
-- change of an imported row.
insert into risks by name
select
    $period as period, project_id, risk_id, kind, title, category, owner, $status as status, raised_date, due_date,
    mitigation, depends_on_project, 'editor' as origin, $user as written_by, $at as written_at
from stg_risks_carried
where period = $period and project_id = $project_id and risk_id = $risk_id

-- An action's status as it stands in the month (carried from an earlier month, too).
select status
from stg_risks_carried
where period = $period and project_id = $project_id and risk_id = $risk_id and kind = 'action'

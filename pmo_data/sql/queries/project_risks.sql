-- One project's risks and issues in one month, open first, highest score first.
select *
from kpi_risks
where period = $period and project_id = $project_id
order by status desc, score desc nulls last, risk_id

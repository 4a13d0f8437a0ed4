-- The ids an editor's decisions and actions of one project already have (E-1, E-2 …).
select distinct risk_id from risks where project_id = $project_id and origin = 'editor'

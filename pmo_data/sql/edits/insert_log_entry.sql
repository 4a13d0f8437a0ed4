-- A decision or an action an editor adds to one project's log of the month.
insert into risks (period, project_id, risk_id, kind, title, owner, status, raised_date, due_date, origin, written_by,
                   written_at)
values ($period, $project_id, $risk_id, $kind, $title, $owner, $status, $raised_date, $due_date, 'editor', $user, $at)

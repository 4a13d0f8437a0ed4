-- An editor's status report of one project and month: a row of its own beside the imported one.
insert into status_reports (period, project_id, summary, achievements, next_steps, sponsor_asks, reported_by,
                            report_date, origin, written_by, written_at)
values ($period, $project_id, $summary, $achievements, $next_steps, $sponsor_asks, $user, $today, 'editor', $user, $at)

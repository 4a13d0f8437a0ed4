-- `extra` is written as text and read with DuckDB's JSON functions, which take text as well.
-- Typed `json`, every insert parsed all of it again to check it: a 100,000-row tracker export
-- carries ~330 MB of it, 0.2-0.4 s of a 2 s import, though `extra_json` builds it as valid JSON.
-- The columns keep their zstd compression. DuckDB alters a column only when no index depends on
-- its table: the period indexes are dropped and made again as they were.

drop index actual_hours_period;
drop index allocations_period;
drop index costs_period;
drop index gates_period;
drop index path_to_green_period;
drop index projects_period;
drop index risks_period;
drop index status_reports_period;
drop index tasks_period;
alter table main.actual_hours alter column extra set data type varchar;
alter table main.allocations alter column extra set data type varchar;
alter table main.costs alter column extra set data type varchar;
alter table main.gates alter column extra set data type varchar;
alter table main.path_to_green alter column extra set data type varchar;
alter table main.projects alter column extra set data type varchar;
alter table main.resources alter column extra set data type varchar;
alter table main.risks alter column extra set data type varchar;
alter table main.status_reports alter column extra set data type varchar;
alter table main.tasks alter column extra set data type varchar;
alter table retired.actual_hours alter column extra set data type varchar;
alter table retired.allocations alter column extra set data type varchar;
alter table retired.costs alter column extra set data type varchar;
alter table retired.gates alter column extra set data type varchar;
alter table retired.path_to_green alter column extra set data type varchar;
alter table retired.projects alter column extra set data type varchar;
alter table retired.resources alter column extra set data type varchar;
alter table retired.risks alter column extra set data type varchar;
alter table retired.status_reports alter column extra set data type varchar;
alter table retired.tasks alter column extra set data type varchar;
create index actual_hours_period on actual_hours (period, resource_name);
create index allocations_period on allocations (period, resource_name);
create index costs_period on costs (period, project_id);
create index gates_period on gates (period, project_id);
create index path_to_green_period on path_to_green (period, project_id);
create index projects_period on projects (period, project_id);
create index risks_period on risks (period, project_id);
create index status_reports_period on status_reports (period, project_id);
create index tasks_period on tasks (period, project_id);

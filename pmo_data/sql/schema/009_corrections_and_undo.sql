-- Corrections, removals and undo. A corrected file replaces the whole file it corrects (its rows
-- missing from the correction end too), and removing a correction brings back what it replaced,
-- so replaced and removed rows are kept, out of the way of every reader, in a schema of their own
-- (`retired`, the same tables) until they can no longer be undone. The main tables keep holding
-- exactly what is current, so the KPI SQL and a PMO's own queries read them as before.
-- Every future column of a canonical table must be added to its `retired` twin as well
-- (tests/test_schema_docs.py compares them).

alter table imports add column replaced_by integer;
alter table imports add column retired_at timestamp;

-- Which projects (people, for resources and allocations) an import loaded rows for, per table:
-- how a later file of the same source finds the file it corrects, even after the rows are gone.
create table import_scopes (
    import_id   integer not null,
    table_name  varchar not null,
    scope_key   varchar not null
);
insert into import_scopes
select distinct import_id, 'projects', project_id from projects
union all select distinct import_id, 'tasks', project_id from tasks
union all select distinct import_id, 'risks', project_id from risks
union all select distinct import_id, 'resources', resource_name from resources
union all select distinct import_id, 'allocations', resource_name from allocations
union all select distinct import_id, 'costs', project_id from costs;

create schema retired;

create table retired.imports (
    import_id      integer not null,
    period         date not null,
    file_name      varchar not null,
    file_sha256    varchar not null,
    source         varchar not null,
    imported_at    timestamp not null,
    rows_read      integer not null,
    rows_loaded    integer not null,
    rows_rejected  integer not null,
    warnings       json,
    as_of          date,
    imported_by    varchar,
    currency       varchar,
    replaced_by    integer,
    retired_at     timestamp
);

create table retired.projects (
    period               date not null,
    import_id            integer not null,
    project_id           varchar not null,
    project_name         varchar,
    program              varchar,
    portfolio            varchar,
    department           varchar,
    manager              varchar,
    sponsor              varchar,
    strategic_objective  varchar,
    status               varchar,
    phase                varchar,
    priority             varchar,
    start_date           date,
    finish_date          date,
    baseline_start       date,
    baseline_finish      date,
    forecast_finish      date,
    budget               double,
    actual_cost          double,
    forecast_cost        double,
    percent_complete     double,
    reported_health      varchar,
    extra                json using compression zstd
);

create table retired.tasks (
    period            date not null,
    import_id         integer not null,
    project_id        varchar not null,
    task_id           varchar not null,
    parent_task_id    varchar,
    name              varchar,
    task_type         varchar,
    is_milestone      boolean not null,
    is_summary        boolean not null,
    status            varchar,
    status_category   varchar,
    assignee          varchar,
    start_date        date,
    finish_date       date,
    baseline_finish   date,
    percent_complete  double,
    estimate_hours    double,
    actual_hours      double,
    remaining_hours   double,
    extra             json using compression zstd,
    baseline_start    date
);

create table retired.risks (
    period       date not null,
    import_id    integer not null,
    project_id   varchar not null,
    risk_id      varchar not null,
    kind         varchar not null,
    title        varchar,
    category     varchar,
    probability  integer,
    impact       integer,
    score        integer,
    cost_impact  double,
    owner        varchar,
    status       varchar,
    raised_date  date,
    due_date     date,
    mitigation   varchar,
    extra        json using compression zstd
);

create table retired.resources (
    period                    date not null,
    import_id                 integer not null,
    resource_name             varchar not null,
    team                      varchar,
    role                      varchar,
    capacity_hours_per_month  double,
    extra                     json using compression zstd
);

create table retired.allocations (
    period         date not null,
    import_id      integer not null,
    resource_name  varchar not null,
    project_id     varchar not null,
    month          date not null,
    planned_hours  double not null,
    extra          json using compression zstd
);

create table retired.costs (
    period      date not null,
    import_id   integer not null,
    project_id  varchar not null,
    month       date not null,
    cost_type   varchar not null,
    amount      double not null,
    extra       json using compression zstd
);

-- The audit log records every change with who made it and how they were signed in; an undo names
-- the entry it undid, so the next undo goes one step further back.
create sequence audit_id_seq start 1;
alter table audit_log add column audit_id integer default nextval('audit_id_seq');
alter table audit_log add column role varchar;
alter table audit_log add column import_id integer;
alter table audit_log add column undoes integer;

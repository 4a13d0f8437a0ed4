-- `extra` holds every column a source has beyond the canonical ones: for a large tracker export,
-- kilobytes of JSON per row, each row different. DuckDB's default string compression spends a
-- second per 100,000 such rows and keeps ~70 MB of them; zstd takes half the time and ~6 MB.
-- DuckDB sets a column's compression only when a table is created: each table is rebuilt.

drop index projects_period;
alter table projects rename to projects_before_005;
create table projects (
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
    percent_complete     double check (percent_complete between 0 and 100),
    reported_health      varchar check (reported_health in ('green', 'amber', 'red')),
    extra                json using compression zstd
);
insert into projects select * from projects_before_005;
drop table projects_before_005;
create index projects_period on projects (period, project_id);

drop index tasks_period;
alter table tasks rename to tasks_before_005;
create table tasks (
    period            date not null,
    import_id         integer not null,
    project_id        varchar not null,
    task_id           varchar not null,
    parent_task_id    varchar,
    name              varchar,
    task_type         varchar,
    is_milestone      boolean not null default false,
    is_summary        boolean not null default false,
    status            varchar,
    status_category   varchar check (status_category in ('todo', 'in_progress', 'done')),
    assignee          varchar,
    start_date        date,
    finish_date       date,
    baseline_finish   date,
    percent_complete  double check (percent_complete between 0 and 100),
    estimate_hours    double,
    actual_hours      double,
    remaining_hours   double,
    extra             json using compression zstd
);
insert into tasks select * from tasks_before_005;
drop table tasks_before_005;
create index tasks_period on tasks (period, project_id);

drop index risks_period;
alter table risks rename to risks_before_005;
create table risks (
    period       date not null,
    import_id    integer not null,
    project_id   varchar not null,
    risk_id      varchar not null,
    kind         varchar not null check (kind in ('risk', 'issue')),
    title        varchar,
    category     varchar,
    probability  integer check (probability between 1 and 5),
    impact       integer check (impact between 1 and 5),
    score        integer,
    cost_impact  double,
    owner        varchar,
    status       varchar check (status in ('open', 'closed')),
    raised_date  date,
    due_date     date,
    mitigation   varchar,
    extra        json using compression zstd
);
insert into risks select * from risks_before_005;
drop table risks_before_005;
create index risks_period on risks (period, project_id);

alter table resources rename to resources_before_005;
create table resources (
    period                    date not null,
    import_id                 integer not null,
    resource_name             varchar not null,
    team                      varchar,
    role                      varchar,
    capacity_hours_per_month  double,
    extra                     json using compression zstd
);
insert into resources select * from resources_before_005;
drop table resources_before_005;

drop index allocations_period;
alter table allocations rename to allocations_before_005;
create table allocations (
    period         date not null,
    import_id      integer not null,
    resource_name  varchar not null,
    project_id     varchar not null,
    month          date not null,
    planned_hours  double not null,
    extra          json using compression zstd
);
insert into allocations select * from allocations_before_005;
drop table allocations_before_005;
create index allocations_period on allocations (period, resource_name);

-- Canonical tables: every source adapter writes into these. One snapshot per reporting
-- month: each row carries the period (first day of the month) and the import it came from.

create table imports (
    import_id      integer primary key,
    period         date not null,
    file_name      varchar not null,
    file_sha256    varchar not null,
    source         varchar not null,
    imported_at    timestamp not null,
    rows_read      integer not null,
    rows_loaded    integer not null,
    rows_rejected  integer not null,
    warnings       json
);

create sequence import_id_seq start 1;

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
    extra                json
);

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
    extra             json
);

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
    extra        json
);

create table resources (
    period                    date not null,
    import_id                 integer not null,
    resource_name             varchar not null,
    team                      varchar,
    role                      varchar,
    capacity_hours_per_month  double,
    extra                     json
);

create table allocations (
    period         date not null,
    import_id      integer not null,
    resource_name  varchar not null,
    project_id     varchar not null,
    month          date not null,
    planned_hours  double not null,
    extra          json
);

create index projects_period on projects (period, project_id);
create index tasks_period on tasks (period, project_id);
create index risks_period on risks (period, project_id);
create index allocations_period on allocations (period, resource_name);

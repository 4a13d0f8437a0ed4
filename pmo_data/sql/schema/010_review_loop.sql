-- The monthly review loop (issue 16): the project manager's status commentary and path to green
-- per month, the template's stage gates, the project a RAID dependency depends on, and the PMO's
-- health overrides. Decisions, actions, dependencies and assumptions stay in `risks` (their kinds
-- since schema 006): one RAID log, whichever file or sheet it came from.
--
-- Commentary and path to green can also be written by an editor on the Project page: such a row
-- has no import (`origin` 'editor', `import_id` empty) and sits beside the imported one, so an
-- import never overwrites an editor's text silently, nor an editor an import's.

alter table risks add column depends_on_project varchar;

create table status_reports (
    period        date not null,
    import_id     integer,
    project_id    varchar not null,
    summary       varchar,
    achievements  varchar,
    next_steps    varchar,
    sponsor_asks  varchar,
    reported_by   varchar,
    report_date   date,
    origin        varchar not null default 'import' check (origin in ('import', 'editor')),
    written_by    varchar,
    written_at    timestamp,
    extra         json using compression zstd,
    check ((origin = 'import') = (import_id is not null))
);
create index status_reports_period on status_reports (period, project_id);

create table path_to_green (
    period       date not null,
    import_id    integer,
    project_id   varchar not null,
    action       varchar not null,
    owner        varchar,
    target_date  date,
    origin       varchar not null default 'import' check (origin in ('import', 'editor')),
    written_by   varchar,
    written_at   timestamp,
    extra        json using compression zstd,
    check ((origin = 'import') = (import_id is not null))
);
create index path_to_green_period on path_to_green (period, project_id);

create table gates (
    period         date not null,
    import_id      integer not null,
    project_id     varchar not null,
    gate           varchar not null,
    phase          varchar,
    planned_date   date,
    forecast_date  date,
    status         varchar check (status in ('planned', 'passed', 'failed')),
    extra          json using compression zstd
);
create index gates_period on gates (period, project_id);

-- Written by the PMO before a steering meeting, never imported. Every setting is a new row (the
-- latest of a month wins), so the history is the audit; an override holds for its month only.
create table health_overrides (
    period         date not null,
    project_id     varchar not null,
    health         varchar not null check (health in ('green', 'amber', 'red')),
    justification  varchar not null check (length(trim(justification)) > 0),
    set_by         varchar,
    set_at         timestamp not null
);

-- The `retired` twins (schema 009) of the new and changed canonical tables: a correction or a
-- removal moves rows between a table and its twin by column name, so both have every column.
alter table retired.risks add column depends_on_project varchar;

create table retired.status_reports (
    period        date not null,
    import_id     integer,
    project_id    varchar not null,
    summary       varchar,
    achievements  varchar,
    next_steps    varchar,
    sponsor_asks  varchar,
    reported_by   varchar,
    report_date   date,
    origin        varchar not null,
    written_by    varchar,
    written_at    timestamp,
    extra         json using compression zstd
);

create table retired.path_to_green (
    period       date not null,
    import_id    integer,
    project_id   varchar not null,
    action       varchar not null,
    owner        varchar,
    target_date  date,
    origin       varchar not null,
    written_by   varchar,
    written_at   timestamp,
    extra        json using compression zstd
);

create table retired.gates (
    period         date not null,
    import_id      integer not null,
    project_id     varchar not null,
    gate           varchar not null,
    phase          varchar,
    planned_date   date,
    forecast_date  date,
    status         varchar,
    extra          json using compression zstd
);

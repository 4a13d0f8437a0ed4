-- Decisions and actions written by an editor on the Project page (issue 16): a `risks` row of
-- origin 'editor' has no import (`import_id` empty), like an editor's status report (schema 010).
-- It sits beside the imported rows: a correction or a removal moves rows by import_id, so it never
-- takes an editor's row, and an editor never changes an imported row (a new status is a new row,
-- the one written last shows). A NOT NULL or a check constraint cannot be altered in DuckDB: the
-- table is rebuilt, as in 006.

drop index risks_period;
alter table risks rename to risks_before_011;
create table risks (
    period              date not null,
    import_id           integer,
    project_id          varchar not null,
    risk_id             varchar not null,
    kind                varchar not null check (kind in ('risk', 'issue', 'assumption', 'dependency', 'decision', 'action', 'change')),
    title               varchar,
    category            varchar,
    probability         integer check (probability between 1 and 5),
    impact              integer check (impact between 1 and 5),
    score               integer,
    cost_impact         double,
    owner               varchar,
    status              varchar check (status in ('open', 'closed')),
    raised_date         date,
    due_date            date,
    mitigation          varchar,
    extra               json using compression zstd,
    depends_on_project  varchar,
    origin              varchar not null default 'import' check (origin in ('import', 'editor')),
    written_by          varchar,
    written_at          timestamp,
    check ((origin = 'import') = (import_id is not null))
);
insert into risks by name select * from risks_before_011;
drop table risks_before_011;
create index risks_period on risks (period, project_id);

-- the `retired` twin keeps every column (schema 009); only imported rows ever move there
alter table retired.risks add column origin varchar default 'import';
alter table retired.risks add column written_by varchar;
alter table retired.risks add column written_at timestamp;

-- RAID logs load whole: besides risks and issues, the registers' assumptions, dependencies,
-- decisions, actions and change requests (the risk KPIs keep reading kind 'risk' / 'issue').
-- A check constraint cannot be altered in DuckDB: the table is rebuilt.
-- Costs by project and month (a plan's money sheets: budget, forecast, actual) get a table of
-- their own, so money is never read as hours; status words a user mapped are kept for every import.

drop index risks_period;
alter table risks rename to risks_before_006;
create table risks (
    period       date not null,
    import_id    integer not null,
    project_id   varchar not null,
    risk_id      varchar not null,
    kind         varchar not null check (kind in ('risk', 'issue', 'assumption', 'dependency', 'decision', 'action', 'change')),
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
insert into risks select * from risks_before_006;
drop table risks_before_006;
create index risks_period on risks (period, project_id);

create table costs (
    period      date not null,
    import_id   integer not null,
    project_id  varchar not null,
    month       date not null,
    cost_type   varchar not null check (cost_type in ('budget', 'forecast', 'actual')),
    amount      double not null,
    extra       json using compression zstd
);
create index costs_period on costs (period, project_id);

create table status_word_mappings (
    word             varchar primary key,
    status_category  varchar not null check (status_category in ('todo', 'in_progress', 'done')),
    saved_at         timestamp not null
);

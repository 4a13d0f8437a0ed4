-- Actual effort (issue 24): hours people logged, from timesheets and logged work, by person, day
-- (or the first day of the week or range the entry names, the rule in `date_rule`) and, where the
-- entry names one, project. Planned hours stay in `allocations`; the Resources page sets the two
-- side by side per person and month.

create table actual_hours (
    period         date not null,
    import_id      integer not null,
    resource_name  varchar not null,
    project_id     varchar,
    work_date      date not null,
    date_rule      varchar,
    hours          double not null check (hours >= 0),
    extra          json using compression zstd
);
create index actual_hours_period on actual_hours (period, resource_name);

-- its `retired` twin (schema 009): a correction or a removal moves rows by column name, so the twin
-- is derived from the table, never written a second time
create table retired.actual_hours as select * from actual_hours limit 0;

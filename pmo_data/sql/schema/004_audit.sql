-- Who changed the data: every import records its user, and removals are logged.
alter table imports add column imported_by varchar;

create table audit_log (
    logged_at timestamp not null,
    user_name varchar,
    action    varchar not null,
    detail    varchar
);

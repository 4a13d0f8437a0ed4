-- Entries naming a project the month's register does not hold ('PRJ-07', a RAID log's own code),
-- resolved by the PMO (issue 25, "does this month add up?"): the ID means a registered project.
-- The canonical rows keep the ID their file gave (provenance); the staging views read it as the
-- project it was mapped to, in every month, this one and the later ones, like a saved mapping.
create table project_aliases (
    alias       varchar primary key,
    project_id  varchar not null check (project_id <> alias),
    set_by      varchar,
    set_at      timestamp not null
);

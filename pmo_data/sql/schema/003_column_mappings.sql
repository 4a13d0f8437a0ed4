-- Column mappings users made for layouts no adapter recognises, keyed by the signature of the
-- file's headers, so next month's file with the same headers maps itself.
create table column_mappings (
    header_signature  varchar primary key,
    name              varchar not null,
    target_table      varchar not null,
    mapping           json not null,
    saved_at          timestamp not null
);

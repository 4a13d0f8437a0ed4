-- The currency an import's column headers name ("Budget (USD)"): the reporting currency when the
-- settings do not set one.
alter table imports add column currency varchar;

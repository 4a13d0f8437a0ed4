-- The date a source says its data is as of (an export date), when it states one:
-- a month's status date is the latest such date before the month's end.
alter table imports add column as_of date;

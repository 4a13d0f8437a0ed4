-- Planned value is time-phased from each task's baseline (ANSI/EIA-748): a task needs the start of
-- its baseline beside its baseline finish, so pushing unstarted work later cannot lower PV.
alter table tasks add column baseline_start date;

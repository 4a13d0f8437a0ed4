-- The status date of a loaded month (stg_periods): what a file of another date is compared with.
select status_date from stg_periods where period = $period

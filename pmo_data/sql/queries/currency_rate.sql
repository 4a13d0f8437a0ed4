-- The rate of one currency in the reporting currency for one month, as last set (or none).
select rate, set_by, set_at
from currency_rates
where period = $period and currency = $currency and reporting = $reporting

-- Sets (or sets again) a month's rate of one currency in the reporting currency.
insert or replace into currency_rates (period, currency, reporting, rate, set_by, set_at)
values ($period, $currency, $reporting, $rate, $set_by, $set_at)

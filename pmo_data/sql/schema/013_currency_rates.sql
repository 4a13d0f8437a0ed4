-- Money in one currency (issue 25): the rate of a currency in the reporting currency for a month,
-- set by the PMO (Data page, `--rate`, or pmo.toml [currency_rates."YYYY-MM"]). A file whose
-- amounts are in another currency is converted at its month's rate when imported, or refused
-- naming the rate to set; amounts are never summed unconverted.
create table currency_rates (
    period    date not null,
    currency  varchar not null,
    reporting varchar not null,
    rate      double not null check (rate > 0),
    set_by    varchar,
    set_at    timestamp not null,
    primary key (period, currency, reporting)
);

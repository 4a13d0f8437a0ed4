-- The currency money is shown in: the settings' choice, else the one named by the headers of the
-- most recent import that names one (the PMO template says "Budget (USD)"), else none.
with named as (
    select currency
    from imports
    where currency is not null
    order by imported_at desc, import_id desc
    limit 1
)

select coalesce(nullif($configured, ''), (select currency from named), '') as currency

-- The currency money is shown in: the settings' choice, else the one named by the headers of the
-- first import that named one (the PMO template says "Budget (USD)"): the portfolio's currency,
-- which a later file in another currency never relabels (it is converted, or refused), else none.
with named as (
    select currency
    from imports
    where currency is not null
    order by imported_at, import_id
    limit 1
)

select coalesce(nullif($configured, ''), (select currency from named), '') as currency

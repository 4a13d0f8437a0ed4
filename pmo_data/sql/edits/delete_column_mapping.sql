-- Forgets a saved column mapping: next month's file with those headers is detected afresh.
delete from column_mappings where header_signature = $signature

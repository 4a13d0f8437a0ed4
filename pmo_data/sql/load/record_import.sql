insert into imports (
    import_id, period, file_name, file_sha256, source, imported_at,
    rows_read, rows_loaded, rows_rejected, warnings, as_of, imported_by, currency
)
values (
    $import_id, $period, $file_name, $file_sha256, $source, $imported_at,
    $rows_read, $rows_loaded, $rows_rejected, $warnings, $as_of, $imported_by, $currency
)

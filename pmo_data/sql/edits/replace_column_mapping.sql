-- A saved column mapping edited: the same headers, the new recipe.
update column_mappings set name = $name, target_table = $table, mapping = $mapping, saved_at = $saved_at
where header_signature = $signature

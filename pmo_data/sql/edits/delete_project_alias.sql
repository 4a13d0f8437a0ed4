-- Forgets a mapping of an entry's project ID: its entries are again on a project not registered.
delete from project_aliases where alias = $alias

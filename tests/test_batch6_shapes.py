"""Batch 6's shapes (docs/real-corpus.md), each rebuilt from its public file's quirks."""

from __future__ import annotations

import datetime as dt

from pmo_data.importer import import_file
from tests.files import query_rows as rows_of
from tests.files import write_xlsx

D = dt.date


def test_a_french_monday_board_with_its_header_over_each_group(store, tmp_path):
    # Aoleon/cursor-config 'campagne' board: the board's name and description, each group's title over
    # its own copy of the header, 'Sous-tâches' (Subitems), a timeline in two columns '… - Start' and
    # '… - End', statuses 'En cours' / 'Étapes futures', and a footer of each group's span
    header = ["Nom", "Sous-tâches", "Admin", "Statut", "Échéancier - Start", "Échéancier - End", "Durée"]
    path = write_xlsx(tmp_path / "campagne.xlsx", {"campagne": [
        ["CAMPAGNE"], ["Gérez votre projet depuis ce tableau."], [],
        ["BARDAGE"], header,
        ["Bardage Zinc", None, None, "En cours", D(2023, 9, 12), D(2023, 9, 20), 7],
        ["Bardage Bois Ext", None, None, "Étapes futures", D(2023, 9, 21), D(2023, 11, 1), 30],
        [None, None, None, None, D(2023, 9, 12), D(2023, 11, 1), None],
        [],
        ["MENUISERIE INTERIEURE"], header,
        ["Portes", None, None, "En cours", D(2023, 11, 2), D(2023, 11, 17), 12]]})
    result = import_file(store, path, "2023-10")
    assert result.source == "monday"
    # three items, the groups as their group (not tasks), the timeline's two ends, the French statuses
    assert rows_of(store, "select name, status_category, start_date::varchar, finish_date::varchar, "
                          "extra->>'Group' from tasks order by start_date") == [
        ["Bardage Zinc", "in_progress", "2023-09-12", "2023-09-20", "BARDAGE"],
        ["Bardage Bois Ext", "todo", "2023-09-21", "2023-11-01", "BARDAGE"],
        ["Portes", "in_progress", "2023-11-02", "2023-11-17", "MENUISERIE INTERIEURE"]]

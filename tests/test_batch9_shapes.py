"""Batch 9's shapes (docs/real-corpus.md), each rebuilt from its public file's quirks."""

from __future__ import annotations

from hypothesis import given, settings as hypothesis_settings
from hypothesis import strategies as st

from pmo_data.importer import import_file
from pmo_data.readers import read_workbook, sniff_delimiter
from tests.files import query_rows as rows_of
from tests.files import write_csv


def test_a_french_jira_export_whose_descriptions_hold_markdown_tables(store, tmp_path):
    # cdrezen/ecoeye: Jira in French ('Résumé, Clé de ticket, … État'), descriptions with '|' tables on many
    # lines (the standard library's sniffer split it on '|'), the start date a custom field in French
    header = ("Résumé,Clé de ticket,ID de ticket,Type de ticket,État,Clé de projet,Nom du projet,Description,"
              "Date d'échéance,Champs personnalisés (Start date),Catégorie d'état,Parent,Clé parent\n")
    table = '"| capteur | état |\n|---|---|\n| caméra | ok |\n| lampe | ko |"'
    rows = [f"refactoring,EE-1,10001,Epic,En cours,EE,ecoeye,{table},30/juin/25,01/mai/25,En cours,,\n",
            f"tester la lampe,EE-2,10002,Tâche,à tester,EE,ecoeye,{table},,,En cours,10001,EE-1\n",
            "photo de nuit,EE-3,10003,Tâche,À faire,EE,ecoeye,,,,A faire,10001,EE-1\n",
            "boîtier,EE-4,10004,Tâche,Terminé(e),EE,ecoeye,,,,Terminé,10001,EE-1\n"]
    path = write_csv(tmp_path / "Jira.csv", header + "".join(rows))
    assert read_workbook(path).delimiter == ","
    result = import_file(store, path, "2025-06")
    assert result.source == "jira"
    assert rows_of(store, "select task_id, status_category, start_date::varchar, finish_date::varchar, parent_task_id "
                          "from tasks order by task_id") == [
        ["EE-1", "in_progress", "2025-05-01", "2025-06-30", None], ["EE-2", "in_progress", None, None, "EE-1"],
        ["EE-3", "todo", None, None, "EE-1"], ["EE-4", "done", None, None, "EE-1"]]


@hypothesis_settings(max_examples=80, deadline=None)
@given(delimiter=st.sampled_from([",", ";", "\t"]), width=st.integers(2, 8), rows=st.integers(1, 15),
       noise=st.sampled_from(["|", ";", ",", "\t"]))
def test_the_delimiter_is_the_one_every_row_agrees_on(delimiter, width, rows, noise):
    # cells quoted wherever they hold other delimiters: only the real one splits every row alike
    def cell(r: int, c: int) -> str:
        text = f"v{r}{noise}{c}{noise}x" if (r + c) % 2 else f"w{r}"
        return f'"{text}"' if any(d in text for d in ",;\t|") else text
    lines = [delimiter.join(f"Header {c}" for c in range(width))]
    lines += [delimiter.join(cell(r, c) for c in range(width)) for r in range(rows)]
    assert sniff_delimiter("\n".join(lines) + "\n") == delimiter


def test_a_csv_saved_by_excel_on_a_japanese_windows(store, tmp_path):
    # enkhbayar87/tengis: a Redmine ticket list in Shift_JIS (cp932), read as mojibake before
    text = "#,題名,状況,開始日,期日\n171813,日立市役所 保守,作業完了,2026/06/18,2026/06/25\n171791,十王図書館 保守,新規,2026/06/24,2026/07/01\n"
    path = tmp_path / "tickets.csv"
    path.write_bytes(text.encode("cp932"))
    workbook = read_workbook(path)
    assert workbook.encoding in {"cp932", "shift_jis"}
    assert workbook.sheets[0].table().headers == ["#", "題名", "状況", "開始日", "期日"]


def test_a_western_file_that_is_not_utf8_stays_windows_1252(tmp_path):
    path = tmp_path / "plan.csv"
    path.write_bytes("Tâche;Début;Fin\nRéunion de lancement;01/03/2026;02/03/2026\n".encode("cp1252"))
    workbook = read_workbook(path)
    assert workbook.encoding == "cp1252" and workbook.sheets[0].table().headers == ["Tâche", "Début", "Fin"]


def test_a_redmine_issue_list_is_tasks_whatever_the_file_is_called(store, tmp_path):
    # jameandreu/WGG 'issues.csv': Redmine's columns with a severity and a category, subjects tagged in brackets
    # ('[03102025] Account Codes Updating' is a title, not template text)
    path = write_csv(tmp_path / "obo_issues.csv",
                     "#,Project,Tracker,Status,Priority,Subject,Assignee,Category,Start date,Due date,Estimated time,"
                     "% Done,Severity Level\n"
                     "8812,OBO,Bug,New,High,[03102025] ALL Types: allow evaluators to open,Ana,Evaluation,10/03/2025,"
                     "10/20/2025,4,0,Major\n"
                     "8813,OBO,Feature,Feedback,Normal,BE: Transaction Reports [Payment Details],Ben,Reports,10/06/2025,"
                     "10/24/2025,8,50,Minor\n")
    result = import_file(store, path, "2025-10")
    assert result.source != "raid_log"
    assert rows_of(store, "select task_id, name, status_category from tasks order by task_id") == [
        ["8812", "[03102025] ALL Types: allow evaluators to open", "todo"],
        ["8813", "BE: Transaction Reports [Payment Details]", "in_progress"]]

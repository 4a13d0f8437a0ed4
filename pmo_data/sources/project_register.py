"""Project registers and portfolio lists kept by hand or exported from a PPM tool: one row per
project, under a header in any of the vocabulary's words (pmo_data/vocabulary/fields.toml,
`projects`: `Proj No`, `Project Manager`, `Stage`, `Baseline Budget (USD)`, `portfolio_health` …).

A sheet qualifies with a project ID or name, listed once each, and three register fields, one of
them a register's own (money, a RAG, a manager, sponsor, program or portfolio), so a task list or a
cost ledger is never taken for a register. The PMO's own template and canonical files have adapters of their own that know them
better: this one's confidence stays at or below 0.7.
"""

from __future__ import annotations

import re

from pmo_data import vocabulary
from pmo_data.config import settings
from pmo_data.readers import Table, Workbook
from pmo_data.recognise import fields_for, match_columns, share_of_words
from pmo_data.sources.base import CANONICAL_COLUMNS, Adapter, Batch, ImportContext, map_table
from pmo_data.sources.canonical import PARSERS

REGISTER_ONLY = {"budget", "actual_cost", "forecast_cost", "reported_health", "manager", "sponsor", "program", "portfolio",
                 "strategic_objective"}
REGISTER_FIELDS = REGISTER_ONLY | {"baseline_start", "baseline_finish", "forecast_finish", "percent_complete", "phase",
                                   "status", "priority", "start_date", "finish_date", "department"}
FIELD_PARSERS = {column: PARSERS[kind] for column, kind in CANONICAL_COLUMNS["projects"].items()}


def register_tables(workbook: Workbook) -> list[tuple[Table, dict[str, str]]]:
    found = []
    for sheet in workbook.data_sheets:
        table = sheet.table()
        columns = _status_as_health(table, match_columns(table, "projects"))
        named = {"project_id", "project_name"} & set(columns)
        fields = REGISTER_FIELDS & set(columns)
        # three register fields, or fewer beside both a project's number and its name ('project name,
        # project number, manager'): a list of projects either way
        enough = len(fields) >= 3 or (named == {"project_id", "project_name"} and _names_a_project(table, columns))
        # a status list: each row a project by its header ('Nome do Projeto'), with how it stands
        status_list = "project_name" in columns and _says_project(table, columns["project_name"]) \
            and _says_how_each_stands(table, columns)
        if named and (enough and REGISTER_ONLY & fields or status_list) and _one_row_per_project(table, columns) \
                and not _is_a_schedule(table):
            found.append((table, columns))
    return found


PROJECT_WORD = re.compile(r"proj|progett|проект")
RAG_SHARE = 0.8  # a status column whose values are this much RAG words is the reported health


def _status_as_health(table: Table, columns: dict[str, str]) -> dict[str, str]:
    """A 'Status' column holding Green / Amber / Red is the project's reported health, whatever
    its header says: the values decide."""
    if "status" not in columns or "reported_health" in columns:
        return columns
    words = {vocabulary.word_key(k) for k in settings()["health_words"]}
    if share_of_words(table.frame[columns["status"]].value_counts(), words) >= RAG_SHARE:
        columns = {("reported_health" if name == "status" else name): label for name, label in columns.items()}
    return columns


LIST_OF_PROJECTS = 0.7  # above a hand-kept task list's 0.65: a row per project with its status is a status list
MIN_LISTED = 5


def _a_status_per_project(table: Table, columns: dict[str, str]) -> bool:
    """A status list: at least MIN_LISTED rows, each a different project, each with a status or RAG
    (the values decide: a 'task list' whose every row is another project is a list of projects)."""
    return len(table.frame) >= MIN_LISTED and bool({"status", "reported_health"} & set(columns))


# Words of a schedule's or a backlog's headers, found inside them ('Predecessor ID', 'Sprint', 'Story Points')
SCHEDULE_WORDS = ("predecessor", "successor", "outline level", "outlinelevel", "wbs", "sprint", "story point",
                  "acceptance criteria")


def _is_a_schedule(table: Table) -> bool:
    """Durations and predecessors are a schedule's, sprints and acceptance criteria a backlog's: its
    rows are tasks, however many have a manager or a status."""
    hits = {word for word in SCHEDULE_WORDS for header in table.header_key_set if word in header}
    return "_duration" in match_columns(table, "tasks") and bool(hits) or len(hits) >= 2


def _names_a_project(table: Table, columns: dict[str, str]) -> bool:
    """Whether the ID and name columns say 'project' in their headers (an 'ID' and a 'Name' beside an
    owner are any list's)."""
    return all(_says_project(table, columns[name]) for name in ("project_id", "project_name"))


def _says_how_each_stands(table: Table, columns: dict[str, str]) -> bool:
    """A status in the words of a workflow or a RAG (the values decide: a 'Project State' of MO, OK, AR
    is an address), or a percent complete."""
    words = set(vocabulary.status_words("task")) | {vocabulary.word_key(k) for k in settings()["health_words"]}
    return "percent_complete" in columns or any(
        share_of_words(table.frame[columns[name]].value_counts(), words) >= RAG_SHARE
        for name in ("status", "reported_health") if name in columns)


def _says_project(table: Table, label: str) -> bool:
    return bool(PROJECT_WORD.search(vocabulary.header_key(table.header_of(label))))


def _one_row_per_project(table: Table, columns: dict[str, str]) -> bool:
    """A register lists each project once; a ledger or a status history repeats it (per month)."""
    key = table.frame[columns.get("project_id") or columns["project_name"]].dropna()
    return key.map(str).is_unique


class ProjectRegisterAdapter(Adapter):
    name = "project_register"
    label = "Project register or portfolio list"

    def detect(self, workbook: Workbook) -> float:
        scores = [LIST_OF_PROJECTS if _a_status_per_project(table, columns)
                  else min(LIST_OF_PROJECTS, 0.4 + 0.04 * len(REGISTER_FIELDS & set(columns))
                           + (0.1 if {"project_id", "project_name"} <= set(columns) else 0.0))
                  for table, columns in register_tables(workbook)]
        return max(scores, default=0.0)

    def missing(self, workbook: Workbook) -> list[str]:
        return ["a project ID or name column with a budget, RAG, project manager, program or baseline dates beside it"]

    def adapt(self, workbook: Workbook, context: ImportContext) -> Batch:
        batch = Batch()
        for table, columns in register_tables(workbook):
            batch.rows_read += len(table.frame)
            rows = map_table(table, fields_for(columns, FIELD_PARSERS), batch, "projects")
            if "project_id" not in rows:  # a list of names: the name is the project's key
                rows["project_id"] = rows["project_name"]
                batch.notes.append(f"{table.sheet_name}: no project ID column; each project is keyed by its name")
            batch.notes.append(f"{table.sheet_name}: read as a project register ("
                               + ", ".join(f"{table.header_of(label)} → {vocabulary.label(field)}" for field, label in columns.items())
                               + ")")
            batch.add("projects", rows)
        return batch


ADAPTER = ProjectRegisterAdapter()

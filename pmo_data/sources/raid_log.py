"""RAID logs and risk registers kept as workbooks (or one CSV), read whole.

Each register is a sheet: named for its kind (`Risk Register`, `Issues`, `Assumptions`,
`Dependencies`, `Decision Log`, `Actions`, `Change Requests`), or one sheet whose `RAID Category`
(or `Type`) column says the kind of every row. The header may sit under titles and notes; its
columns are recognised by the vocabulary's synonyms (pmo_data/vocabulary/fields.toml, `risks`).
Probability and impact may be words, points, percentages or fractions: each column is read on the
scale its values span and the report says which. Where they are free text, a Priority / RPN /
risk value gives the score. Template rows that carry only an ID are counted apart, not loaded.
"""

from __future__ import annotations

import json

import pandas as pd

from pmo_data import identity, normalize, steps, vocabulary
from pmo_data.readers import Sheet, Table, Workbook
from pmo_data.recognise import (SENTENCES_NOT_RATING, description_by_values, fields_for, is_sentence, match_columns,
                                placeholder_rows)
from pmo_data.sources.base import Adapter, Batch, ImportContext, Rejected, is_total_label, map_table

REGISTER_FIELDS = {"probability", "impact", "status", "owner", "mitigation", "due_date", "raised_date", "category",
                   "score", "_rating", "kind"}
PARSERS = {"probability": normalize.text, "impact": normalize.text, "score": normalize.number,
           "cost_impact": normalize.money, "raised_date": normalize.dates, "due_date": normalize.dates}
NOT_CONTENT = {"risk_id", "kind", "extra", "_row", "_sheet", "_project", "_rating", "status"}


def sheet_kind(name: str) -> str | None:
    """The RAID kind a sheet's name says ('Risk Register' -> risk, 'Change Requests' -> change)."""
    kinds = vocabulary.status_words("raid_kind")
    words = vocabulary.word_key(name).split()
    for size in (2, 1):
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start:start + size])
            if len(phrase) > 2 and phrase in kinds:
                return kinds[phrase]
    return None


def _file_is_a_risk_register_with_no_risk_sheet(workbook: Workbook) -> bool:
    return sheet_kind(workbook.path.stem) == "risk" and not any(sheet_kind(s.name) == "risk" for s in workbook.sheets)


def _kind_column(table: Table, columns: dict[str, str]) -> pd.Series | None:
    """The RAID kind of each row from its category column, when most of its values are kinds."""
    if "kind" not in columns:
        return None
    kinds = vocabulary.status_words("raid_kind")
    values = normalize.text(table.frame[columns["kind"]]).map(lambda v: kinds.get(vocabulary.word_key(v)) if isinstance(v, str) else None)
    filled = table.frame[columns["kind"]].notna().sum()
    return values if filled and values.notna().sum() >= 0.6 * filled else None


def registers(workbook: Workbook) -> list[tuple[Sheet, Table, dict[str, str], pd.Series | str, list[int]]]:
    """The sheets that are registers, with each row's kind (from the kind column, else the sheet's
    name, else risk) and the rows left out at and under a total row: a kind (by name or column), an ID or description, and two register columns
    (probability, impact, status, owner, mitigation, dates …)."""
    found = []
    for sheet in workbook.data_sheets:
        table = steps.ratings_from_marks(sheet.table())
        if _is_a_task_list(table):
            continue
        columns = match_columns(table, "risks")
        kind = sheet_kind(sheet.name)  # a CSV's sheet is named after its file: decision_log.csv
        if kind == "issue" and "probability" in columns and _file_is_a_risk_register_with_no_risk_sheet(workbook):
            kind = "risk"  # a risk register whose one sheet kept a template's name: its chances say risks
        by_column = _kind_column(table, columns)
        if by_column is None:
            columns.pop("kind", None)
        has_kind = kind is not None or by_column is not None or {"probability", "impact"} <= set(columns)
        if has_kind and "title" not in columns and {"probability", "impact"} <= set(columns) \
                and not _lists_the_scales(table, columns):
            described = description_by_values(table, set(columns.values()))  # the values decide: 'Tipo de riesgo'
            if described is not None:
                columns["title"] = described
        has_entry = "title" in columns or "risk_id" in columns
        if has_kind and has_entry and len(REGISTER_FIELDS & set(columns)) >= 2:
            # a register's rows end at two blank rows or at its total row (a legend may lie under it)
            table, under_total = steps.rows_above_total(steps.first_block(table), is_total_label)
            if by_column is not None:
                by_column = by_column.loc[table.frame.index]
            kinds = by_column.fillna(kind or "risk") if by_column is not None else kind or "risk"
            found.append((sheet, table, columns, kinds, under_total))
    return found


TASK_WORK = {"percent_complete", "estimate_hours", "actual_hours", "_duration"}


def _is_a_task_list(table: Table) -> bool:
    """Planned starts beside progress or effort (% Done, Estimated time, Spent time) are a tracker's
    issues as tasks, whatever the file is called ('…_issues.csv' from Redmine) and whatever severity it keeps."""
    tasks = set(match_columns(table, "tasks"))
    return "start_date" in tasks and "finish_date" in tasks and bool(TASK_WORK & tasks)


def _lists_the_scales(table: Table, columns: dict[str, str]) -> bool:
    """A legend or a dropdown sheet: its probability and impact columns each list a scale's words
    once ('Very Low', 'Low' … 'Very High'), where a register's ratings repeat from entry to entry."""
    def listed_once(label: str) -> bool:
        values = table.frame[label].dropna().map(str)
        return len(values) >= 3 and values.is_unique
    return listed_once(columns["probability"]) and listed_once(columns["impact"])


class RaidLogAdapter(Adapter):
    name = "raid_log"
    label = "RAID log / risk register"

    def detect(self, workbook: Workbook) -> float:
        scores = []
        for sheet, table, columns, kind, _ in registers(workbook):
            strong = len({"probability", "impact", "mitigation", "kind"} & set(columns))
            scores.append(min(0.95, 0.55 + 0.1 * strong + 0.05 * len(columns) / 3))
        if not scores:
            return 0.0
        # the PMO template has a RAID sheet too; its Projects sheet tells it apart
        return max(scores) * (0.5 if workbook.sheet("Projects") else 1.0)

    def missing(self, workbook: Workbook) -> list[str]:
        return ["a register sheet (named Risks, Issues, Assumptions … or with a RAID Category column) with an ID or "
                "description and columns such as Probability, Impact, Status, Owner"]

    def adapt(self, workbook: Workbook, context: ImportContext) -> Batch:
        batch = Batch()
        for sheet, table, columns, kind, under_total in registers(workbook):
            batch.rows_read += len(table.frame)
            batch.rejected += [Rejected("risks", sheet.name, row, "total row, or under the total row") for row in under_total]
            rows = map_table(table, fields_for(columns, PARSERS), batch, "risks")
            rows["kind"] = kind
            self._scales(rows, table, columns, batch, sheet.name)
            content = [c for c in rows.columns if c not in NOT_CONTENT]
            template = placeholder_rows(rows, content) & rows["extra"].isna()
            if template.any():
                batch.template_rows.append((sheet.name, int(template.sum()), "only an ID, nothing else"))
            rows = rows[~template]
            if "title" in rows:  # a total, a footer, a template line: whatever its other cells say, no entry
                nameless = rows["title"].isna()
                for dated in ("raised_date", "due_date"):
                    if dated in rows:
                        nameless &= rows[dated].isna()
                if nameless.any():
                    batch.template_rows.append((sheet.name, int(nameless.sum()), "no description and no date"))
                    rows = rows[~nameless]
            rows["risk_id"] = identity.with_row_ids(rows, "risk_id", batch, f"'{sheet.name}' entries")
            project_column = rows.pop("_project") if "_project" in rows else None
            rows["project_id"] = identity.assign_project(rows, workbook, context, batch, project_column)
            batch.add("risks", rows.drop(columns=[c for c in ("_rating",) if c in rows]))
        return batch

    @staticmethod
    def _scales(rows: pd.DataFrame, table: Table, columns: dict[str, str], batch: Batch, sheet: str) -> None:
        """Probability and impact on 1..5, each on the scale its column uses; a rating where both are empty."""
        for name in ("probability", "impact"):
            if name in rows:
                header = table.header_of(columns[name])
                probe = normalize.Problems()
                points, scale = normalize.scale_column(table.frame[columns[name]], f"{sheet}: {header}", probe)
                if _holds_words(table.frame[columns[name]], probe):
                    # the consequence written out ('Delay to go-live, penalties'): kept as text, not a failed rating
                    rows[name] = pd.Series(pd.NA, index=rows.index, dtype="Int64")
                    rows["extra"] = _with_text(rows["extra"], header, normalize.text(table.frame[columns[name]]))
                    batch.notes.append(f"{sheet}: {header} holds text, not a rating: kept as text with each entry")
                    continue
                rows[name] = points
                raw = normalize.text(table.frame[columns[name]]).reindex(rows.index)
                written = raw.where(points.isna() & raw.map(is_sentence), None)
                if written.notna().any():  # 'Medium at the beginning, gets higher with time': kept as written
                    rows["extra"] = _with_text(rows["extra"], header, written)
                    batch.notes.append(f"{sheet}: {int(written.notna().sum())} {header} cell(s) hold a sentence, not a "
                                       "rating: kept as text with their entry, the rating left empty")
                for column, entry in probe.unparsed.items():
                    unread = [t for t in entry["texts"] if not is_sentence(t)]
                    count = entry["count"] - int(written.notna().sum())
                    if count > 0:  # the rows are known only while every unread cell is still one
                        batch.problems.add(column, unread, count, entry["kind"], entry["rows"] if count == entry["count"] else None)
                if scale:
                    batch.notes.append(f"{sheet}: {header} read as {scale}")
        unscored = pd.Series(True, index=rows.index)
        for name in ("probability", "impact"):
            if name in rows:
                unscored &= rows[name].isna()
        if "_rating" in columns and unscored.any() and "score" not in columns:
            score, scale = normalize.rating_score(table.frame[columns["_rating"]])
            rows["score"] = score.where(unscored, pd.NA)
            if scale and score[unscored].notna().any():
                batch.notes.append(f"{sheet}: no probability × impact on {int((unscored & score.notna()).sum())} entries: "
                                   f"{table.header_of(columns['_rating'])} gives their score ({scale})")


def _holds_words(values: pd.Series, probe: normalize.Problems) -> bool:
    """Whether a probability or impact column holds sentences rather than ratings."""
    filled = int(values.notna().sum())
    unread = [t for entry in probe.unparsed.values() for t in entry["texts"]]
    sentences = sum(entry["count"] for entry in probe.unparsed.values()) if unread and \
        sum(map(is_sentence, unread)) >= len(unread) / 2 else 0
    return bool(filled) and sentences >= SENTENCES_NOT_RATING * filled


def _with_text(extra: pd.Series, header: str, text: pd.Series) -> pd.Series:
    """Each row's `extra` JSON with one more field."""
    def merged(current, value):
        fields = json.loads(current) if isinstance(current, str) and current else {}
        if isinstance(value, str):
            fields[header] = value
        return json.dumps(fields, ensure_ascii=False) if fields else None
    return pd.Series([merged(c, v) for c, v in zip(extra, text.reindex(extra.index))], index=extra.index, dtype=object)


ADAPTER = RaidLogAdapter()

"""Boards exported as JSON, read as one sheet of cards (the reader step for `.json` files).

Trello's own export (board menu › Print, export and share › Export as JSON, every plan) is the
board as its API returns it: `lists`, `cards`, `members`, `labels`. Its cards become the rows the
CSV export would have (`Card ID, Card Name, … List Name, Board Name, Archived`), plus each list's
place on the board (`List Position`, left to right) and whether the list itself is archived. A
file saved through a browser's JSON viewer may start with `//` comment lines: they are skipped.
"""

from __future__ import annotations

import json
from pathlib import Path

MAX_JSON_BYTES = 64 * 2**20  # a board's export is a few MB; parsing JSON takes about ten times its size
HEADERS = ["Card ID", "Card Name", "Card Description", "Labels", "Members", "Start Date", "Due Date", "Due Complete",
           "List ID", "List Name", "List Position", "List Archived", "Board Name", "Archived"]


class NotABoard(ValueError):
    """The JSON is not a board export this reader knows; the message says what it is instead."""


def board_rows(path: Path) -> list[list]:
    """The header and one row per card of a Trello board's JSON export."""
    if path.stat().st_size > MAX_JSON_BYTES:
        raise NotABoard(f"larger than {MAX_JSON_BYTES // 2**20} MB (a board's export is a few MB)")
    text = path.read_text(encoding="utf-8-sig", errors="replace")
    start = text.find("{")
    if start < 0 or any(line.strip() and not line.strip().startswith("//") for line in text[:start].splitlines()):
        raise NotABoard("not a JSON object")
    try:
        board = json.loads(text[start:])
    except json.JSONDecodeError as error:
        raise NotABoard(f"not valid JSON ({error.msg}, line {error.lineno})") from None
    if not isinstance(board, dict) or not isinstance(board.get("cards"), list) or not isinstance(board.get("lists"), list):
        raise NotABoard("not a Trello board export (no cards and lists in it)")
    lists = {item.get("id"): item for item in board["lists"] if isinstance(item, dict)}
    places = {list_id: place for place, list_id in
              enumerate(sorted(lists, key=lambda i: (float(lists[i].get("pos") or 0), list(lists).index(i))), start=1)}
    members = {m.get("id"): m.get("fullName") or m.get("username") for m in board.get("members", []) if isinstance(m, dict)}
    rows = [HEADERS]
    for card in board["cards"]:
        if not isinstance(card, dict):
            continue
        home = lists.get(card.get("idList"), {})
        rows.append([
            card.get("idShort") or card.get("id"), card.get("name"), card.get("desc") or None,
            ", ".join(label.get("name") or label.get("color") or "" for label in card.get("labels") or [] if isinstance(label, dict)) or None,
            ", ".join(members.get(m) or m for m in card.get("idMembers") or []) or None,
            card.get("start"), card.get("due"), bool(card.get("dueComplete")),
            card.get("idList"), home.get("name"), places.get(card.get("idList")), bool(home.get("closed")),
            board.get("name"), bool(card.get("closed")),
        ])
    return [["" if cell is None else cell for cell in row] for row in rows]  # as a workbook's reader gives empty cells

"""What a message tells the user to do, in the words of where they read it: a refusal on the Data
page names the page's action, the same refusal in a terminal names the command's flag (issue 27:
"refusals that name a page action, with the CLI flag only in the CLI"). A message carries both
forms, marked; each surface keeps its own (`for_page` in pages/common/display.py, `for_cli` in
pmo_data/cli.py)."""

from __future__ import annotations

import re

_PAGE, _CLI, _END = "\u27e6page:", "\u27e6cli:", "\u27e7"
_PAGE_PART = re.compile(re.escape(_PAGE) + r"(.*?)" + re.escape(_END), re.S)
_CLI_PART = re.compile(re.escape(_CLI) + r"(.*?)" + re.escape(_END), re.S)


def either(page: str, cli: str) -> str:
    """`page` where the message shows on a page, `cli` where it prints in a terminal."""
    return f"{_PAGE}{page}{_END}{_CLI}{cli}{_END}"


def for_page(text: str) -> str:
    return _PAGE_PART.sub(r"\1", _CLI_PART.sub("", str(text)))


def for_cli(text: str) -> str:
    return _CLI_PART.sub(r"\1", _PAGE_PART.sub("", str(text)))

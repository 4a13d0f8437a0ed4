"""An adapter reads any file it is given, or says what the file lacks (LayoutMismatch): any other
exception is a bug of the product's (issue 23). Every adapter runs on every sample file, every real
export and corpus file present, every layout the recognition tests build, and random small sheets."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pmo_data import sources, vocabulary
from pmo_data.readers import UnreadableFile, read_workbook
from pmo_data.sources.base import ImportContext, LayoutMismatch
from tests.conftest import REAL_EXPORTS, ROOT
from tests.files import write_csv, write_xlsx
from tests.test_corpus import CORPUS_FILES

SUFFIXES = {".csv", ".xlsx", ".xlsm", ".xls", ".ods"}


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.suffix.lower() in SUFFIXES) if folder.is_dir() else []


def every_adapter_reads_or_refuses(path: Path) -> list[str]:
    """The adapters that raised something else than LayoutMismatch on the file, with what."""
    try:
        workbook = read_workbook(path)
    except UnreadableFile:
        return []
    raised = []
    for name, adapter in sources.adapters().items():
        try:
            adapter.detect(workbook)
            adapter.adapt(workbook, ImportContext(dt.date(2026, 10, 1)))
        except LayoutMismatch:
            pass
        except Exception as error:  # the finding this test exists for
            raised.append(f"{name} on {path.name}: {type(error).__name__}: {error}")
    return raised


@pytest.mark.parametrize("path", files_under(ROOT / "sample_data"), ids=lambda p: p.name)
def test_on_every_sample_file(path):
    assert every_adapter_reads_or_refuses(path) == []


def test_on_every_real_export_and_corpus_file():
    found = files_under(REAL_EXPORTS) + files_under(CORPUS_FILES)
    if not found:
        pytest.skip("no real exports or corpus files beside the repository")
    assert [problem for path in found for problem in every_adapter_reads_or_refuses(path)] == []


def test_on_every_layout_the_recognition_tests_build(tmp_path):
    from tests import test_recognition

    builders = list(test_recognition.LAYOUTS.values())
    assert len(builders) >= 10
    problems = []
    for number, build in enumerate(builders):
        folder = tmp_path / str(number)
        folder.mkdir()
        problems += every_adapter_reads_or_refuses(build(folder))
    assert problems == []


HEADER_WORDS = sorted({h for table in vocabulary.field_tables() for f in vocabulary.fields(table).values()
                       for h in f.headers})[:400] + ["Outline Level", "Title 1", "Work Item Type", "Issue key", "Timeline"]
CELLS = st.one_of(st.none(), st.integers(-5, 50_000), st.floats(allow_nan=False, allow_infinity=False, width=32),
                  st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=12), st.sampled_from(["Done", "NA", "45%", "5 days", "2026-13-45", "31/02/2026", "TBD",
                                                         "Working on it", "High", "x", "#REF!", "1.2.3"]),
                  st.dates(dt.date(1990, 1, 1), dt.date(2040, 1, 1)))


@settings(max_examples=40, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(headers=st.lists(st.sampled_from(HEADER_WORDS), min_size=1, max_size=8),
       rows=st.lists(st.lists(CELLS, min_size=0, max_size=9), max_size=6), as_csv=st.booleans())
def test_on_random_small_sheets(tmp_path_factory, headers, rows, as_csv):
    folder = tmp_path_factory.mktemp("random")
    grid = [headers, *rows]
    if as_csv:
        text = "\n".join(",".join("" if c is None else str(c).replace(",", " ").replace("\n", " ") for c in row) for row in grid)
        path = write_csv(folder / "sheet.csv", text + "\n")
    else:
        path = write_xlsx(folder / "sheet.xlsx", {"Sheet1": grid})
    assert every_adapter_reads_or_refuses(path) == []

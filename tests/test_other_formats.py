"""Spreadsheets saved as OpenDocument (.ods) or old Excel (.xls) load like .xlsx (python-calamine
reads them). The files are made by LibreOffice from the demo workbook; without LibreOffice on the
machine, the test is skipped."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from pmo_data.importer import import_file
from tests.conftest import SAMPLE_DATA

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
CALC = shutil.which("localc")  # LibreOffice Calc (Debian: libreoffice-calc), which writes .ods and .xls


@pytest.mark.skipif(SOFFICE is None or CALC is None, reason="LibreOffice Calc is not installed: cannot make .ods/.xls here")
@pytest.mark.parametrize("suffix, filter_name", [("ods", "ods"), ("xls", "xls:MS Excel 97")])
def test_ods_and_xls_load_like_the_xlsx(store, tmp_path, suffix, filter_name):
    source = tmp_path / "pmo_portfolio.xlsx"
    shutil.copy(SAMPLE_DATA / "2026-10" / "pmo_portfolio.xlsx", source)
    subprocess.run([SOFFICE, "--headless", "--convert-to", filter_name, "--outdir", str(tmp_path), str(source)],
                   check=True, capture_output=True, timeout=120, env={"HOME": str(tmp_path), "PATH": "/usr/bin:/bin"})
    result = import_file(store, tmp_path / f"pmo_portfolio.{suffix}")
    assert (result.source, str(result.period)) == ("pmo_template", "2026-10-01")
    assert result.rows_loaded == {"projects": 25, "tasks": 124, "risks": 60, "resources": 40, "allocations": 827}
    assert store.scalar("select budget from projects where project_id = 'PRJ-007'") == 1315000.0

"""AppTest of every page, on the demo data and on an empty database."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT


@pytest.fixture(autouse=True)
def fresh_streamlit_caches():
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()


def run_page(page: str) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
    at.run()
    if page != "pages/data.py":
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def test_data_page_lists_months_imports_and_row_counts(demo_copy):
    at = run_page("pages/data.py")
    assert at.title[0].value == "Data"
    months, history, counts = (df.value for df in at.dataframe)
    assert [p.strftime("%Y-%m") for p in months["period"]] == ["2026-10", "2026-09", "2026-08"]
    assert months["projects"].tolist() == [25, 25, 25]
    assert months["risks"].tolist() == [60, 52, 44]
    assert len(history) == 6
    assert history["file_name"].value_counts().to_dict() == {"tasks.csv": 3, "pmo_portfolio.xlsx": 3}
    assert dict(zip(counts["table_name"], counts["row_count"])) == {
        "projects": 75, "tasks": 1497, "risks": 156, "resources": 120, "allocations": 2481,
    }


def test_data_page_on_an_empty_database_says_what_to_do(db_path):
    at = run_page("pages/data.py")
    assert not at.dataframe
    assert "No data loaded yet" in at.info[0].value

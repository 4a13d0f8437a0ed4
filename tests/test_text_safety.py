"""Text from the data shown inert (pmo_data/text_safety.py): no live link, no markup, no direction
trick and no endless line, on pages, in charts and their SVG, on slides and in the workbooks inside
the deck's charts."""

from __future__ import annotations

import html
import io
import re
import unicodedata
import zipfile

import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from pptx import Presentation

from pmo_data import charts, render_plotly
from pmo_data.chart_spec import ChartSpec, Series
from pmo_data.deck import ITEM_TEXT, SUMMARY_TEXT, DeckRequest, build_deck
from pmo_data.images import browser_path, figure_bytes
from pmo_data.importer import import_file
from pmo_data.queries import Filters
from pmo_data.text_safety import (ELLIPSIS, NAME, TEXT, TITLE, cell_text, clean_text, display_text, markdown_text,
                                  plotly_text)

LINK = '<a href="http://evil.example">x</a>'
RTL_OVERRIDE = "\u202e"
SPOOF = f"Invoice{RTL_OVERRIDE}gnp.exe"  # shows as "Invoiceexe.png"
HUGE = "L" * 100_000
FORMULA = '=HYPERLINK("http://evil.example","click")'
DIRECTION_CLASSES = {"LRE", "RLE", "LRO", "RLO", "PDF", "LRI", "RLI", "FSI", "PDI"}
MARKS = {"\u200e", "\u200f", "\u061c"}


def is_unsafe(character: str) -> bool:
    return (unicodedata.category(character) == "Cc" and character not in "\n\t"
            or unicodedata.bidirectional(character) in DIRECTION_CLASSES or character in MARKS)


# -- the functions ---------------------------------------------------------------------------

def test_a_direction_override_is_dropped():
    assert display_text(SPOOF) == "Invoicegnp.exe"
    assert clean_text(SPOOF) == "Invoicegnp.exe" == cell_text(SPOOF)


def test_a_huge_name_is_cut_to_the_limit_with_an_ellipsis():
    shown = display_text(HUGE)
    assert len(shown) == NAME == 80 and shown == "L" * 79 + ELLIPSIS
    assert display_text("short") == "short"


def test_newlines_and_runs_of_space_become_one_space_on_a_page():
    assert display_text("Core\n\n\tbanking  \r\n  renewal ") == "Core banking renewal"
    assert clean_text("line 1\nline 2") == "line 1\nline 2"  # a slide or a cell may hold lines


def test_plotly_text_writes_markup_as_entities():
    shown = plotly_text(LINK)
    assert "<" not in shown and ">" not in shown
    assert html.unescape(shown) == LINK  # plotly decodes the entities: the text reads as typed
    assert plotly_text("R&D $1 M to $2 M") == "R&amp;D &#36;1 M to &#36;2 M"  # no entity, no LaTeX


def test_plotly_text_keeps_the_lines_asked_for():
    assert plotly_text("a\nb\nc", lines=2) == "a<br>b c"
    assert plotly_text("a\nb") == "a b"


def test_markdown_text_turns_no_url_into_a_link():
    shown = markdown_text("see http://x.example and www.x.example or a@x.example")
    # escaping ':' and '.' is not enough: Streamlit's Markdown still linked them in a browser
    # (tests/e2e/test_hostile_text.py); an invisible word joiner inside each start breaks the link
    assert "http\u2060\\://x\\.example" in shown and "www\u2060\\.x\\.example" in shown and "a@\u2060x\\.example" in shown
    assert not re.search(r"https?://|www\.|@\w+\.\w", shown)


def test_markdown_text_escapes_formatting_links_and_character_references():
    shown = markdown_text(f"**bold** [x](http://evil) <b>hi</b> :red[alert] &#x202E;{RTL_OVERRIDE}")
    assert shown == ("\\*\\*bold\\*\\* \\[x\\]\\(http\u2060\\://evil\\) \\<b\\>hi\\</b\\> \\:red\\[alert\\] "
                     "\\&\\#x202E;")


def test_cell_text_never_starts_a_formula():
    assert cell_text(FORMULA) == "\u200b" + FORMULA
    assert cell_text(f"\x1b{FORMULA}").startswith("\u200b=")  # the control character goes first


# -- properties ------------------------------------------------------------------------------

@given(st.text(), st.integers(min_value=0, max_value=200))
def test_display_text_is_one_safe_line_within_its_limit(value, limit):
    shown = display_text(value, limit)
    assert len(shown) <= limit
    assert not any(is_unsafe(c) for c in shown) and "\n" not in shown and "\t" not in shown


@given(st.text(), st.integers(min_value=1, max_value=200), st.integers(min_value=1, max_value=5))
def test_plotly_text_holds_no_tag_but_its_line_breaks(value, limit, lines):
    shown = plotly_text(value, limit, lines)
    parts = shown.split("<br>")
    assert len(parts) <= lines
    for part in parts:
        assert not re.search("[<>$]", part) and not any(is_unsafe(c) for c in part)
        assert len(html.unescape(part)) <= limit


@given(st.text())
def test_markdown_text_leaves_no_markdown_character_unescaped(value):
    shown = markdown_text(value)
    assert not re.search(r"(?<!\\)(\\\\)*[`*_\[\]()<>#!|~$:&]", shown.replace("\\\\", ""))


@given(st.text())
def test_cell_text_is_never_a_formula(value):
    assert not cell_text(value).startswith(("=", "+", "-", "@", "\t", "\r"))


# -- charts ----------------------------------------------------------------------------------

def strings_in(value) -> list[str]:
    """Every string of a plotly figure's JSON that can be drawn, however deep (customdata holds
    the ids a click sends back, as they are in the data: no template draws them)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() if k != "customdata" for s in strings_in(v)]
    if isinstance(value, (list, tuple)):
        return [s for v in value for s in strings_in(v)]
    return []


def hostile_health() -> pd.DataFrame:
    return pd.DataFrame({"project_id": ["P1", "P2", "P3"], "project_name": [LINK, SPOOF, HUGE],
                         "spi": [0.9, 1.0, 1.1], "cpi": [0.95, 1.05, 1.0], "bac": [100.0, 200.0, 300.0],
                         "health": ["red", "green", "amber"]})


def hostile_figures():
    alignment = pd.DataFrame({"strategic_objective": [LINK, HUGE], "budget": [100.0, 50.0], "budget_share_pct": [66.0, 33.0],
                              **{h: [1, 0] for h in ("green", "amber", "red", "grey")},
                              **{f"{h}_budget": [25.0, 12.5] for h in ("green", "amber", "red", "grey")}})
    load = pd.DataFrame({"resource_name": [LINK, SPOOF], "month": pd.to_datetime(["2026-10-01"] * 2),
                         "utilisation_pct": [120.0, 80.0]})
    demand = pd.DataFrame({"group_name": [LINK, SPOOF], "month": pd.to_datetime(["2026-10-01"] * 2),
                           "capacity_hours": [100.0, 100.0], "demand_hours": [80.0, 90.0]})
    return {
        "performance": charts.performance_bubble(hostile_health(), f"Oct 2026 · {LINK}"),
        "alignment": charts.strategic_alignment(alignment, SPOOF),
        "utilisation": charts.utilisation_heatmap(load),
        "capacity": charts.capacity_demand(demand),
    }


@pytest.mark.parametrize("name", ["performance", "alignment", "utilisation", "capacity"])
def test_no_chart_carries_a_tag_or_a_direction_trick_from_the_data(name):
    figure = render_plotly.figure(hostile_figures()[name])
    texts = strings_in(figure.to_plotly_json())
    assert not [t for t in texts if re.search("<a[ >]", t, re.IGNORECASE)]
    assert not [t for t in texts if RTL_OVERRIDE in t]
    assert any("&lt;a href" in t for t in texts)  # the hostile text is there, as text


def test_a_chart_title_and_its_labels_are_cut():
    spec = ChartSpec("column", HUGE, categories=[HUGE, "B"], series=[Series(HUGE, [1.0, 2.0], labels=[HUGE, "2"])])
    figure = render_plotly.figure(spec)
    assert figure.layout.title.text == f"<b>{'L' * (TITLE - 1)}{ELLIPSIS}</b>"
    bars = figure.data[0]
    assert len(bars.x[0]) == len(bars.name) == len(bars.text[0]) == NAME


def test_categories_cut_alike_stay_apart():
    """Two objectives that differ only after the cut are two bars, not one."""
    first, second = "A" * 100 + "1", "A" * 100 + "2"
    spec = ChartSpec("column", "t", categories=[first, second], series=[Series("s", [1.0, 2.0])])
    x = list(render_plotly.figure(spec).data[0].x)
    assert len(set(x)) == 2 and x[0].startswith("A" * 79 + ELLIPSIS)


def test_a_series_name_is_no_hover_template():
    spec = ChartSpec("column", "t", categories=["a"], series=[Series("%{x} <b>", [1.0])])
    bars = render_plotly.figure(spec).data[0]
    assert bars.hovertemplate == "%{fullData.name}: %{y}<extra></extra>" and bars.name == "%{x} &lt;b&gt;"


def test_a_tooltip_names_its_point_in_bold_and_its_name_is_cut():
    figure = render_plotly.figure(charts.performance_bubble(hostile_health()))
    hover = figure.data[0].hovertext[2]
    assert hover.startswith(f"<b>{'L' * 79}{ELLIPSIS} (P3)</b><br>SPI 1.10 · CPI 1.00<br>budget")


@pytest.mark.skipif(browser_path() is None, reason="no Chromium: chart images cannot be made here")
def test_the_svg_of_a_chart_holds_no_link_from_the_data():
    svg = figure_bytes(render_plotly.figure(hostile_figures()["performance"]), "svg").decode()
    assert "<a " not in svg and "xlink:href=\"http://evil" not in svg and 'href="http://evil' not in html.unescape(
        re.sub(r">[^<]*<", "><", svg))  # no attribute anywhere points at the link
    assert RTL_OVERRIDE not in svg
    assert "evil.example" in html.unescape(svg)  # shown, as text


# -- the deck ----------------------------------------------------------------------------------

def write_hostile_projects(path):
    rows = [("P1", LINK, FORMULA, FORMULA), ("P2", SPOOF, "Ops", "Grow"), ("P3", HUGE, "Ops", "Grow")]
    lines = ["project_id,project_name,program,strategic_objective,manager,budget,baseline_start,baseline_finish,"
             "reported_health"]
    for pid, name, program, objective in rows:
        quoted = [f'"{v.replace(chr(34), chr(34) * 2)}"' for v in (name, program, objective)]
        lines.append(f"{pid},{','.join(quoted)},Pat,1000,2026-01-01,2026-12-31,green")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_hostile_review(path):
    """The review loop's text from the data: a RAID log's decision and action, a status report and
    its path to green, every text hostile. A spreadsheet runs "=…" as it writes it: "+…" stays text."""
    from tests.files import write_xlsx

    spreadsheet_formula = "+" + FORMULA[1:]
    return write_xlsx(path, {
        "risks": [["project_id", "risk_id", "kind", "title", "owner", "status", "raised_date", "due_date"],
                  ["P1", "D1", "decision", SPOOF + HUGE, LINK, "Pending", pd.Timestamp("2026-10-01"),
                   pd.Timestamp("2026-10-20")],
                  ["P2", "A1", "action", spreadsheet_formula + HUGE, SPOOF, "Open", pd.Timestamp("2026-10-01"),
                   pd.Timestamp("2026-10-10")]],
        "status_reports": [["project_id", "summary", "sponsor_asks", "reported_by"],
                           ["P1", SPOOF + HUGE, LINK + HUGE, SPOOF]],
        "path_to_green": [["project_id", "action", "owner", "target_date"],
                          ["P1", SPOOF + HUGE, RTL_OVERRIDE + HUGE, pd.Timestamp("2026-11-10")]],
    })


def test_the_deck_is_inert_its_workbooks_run_nothing_and_its_names_are_cut(store, tmp_path):
    from pmo_data import queries

    import_file(store, write_hostile_projects(tmp_path / "projects.csv"), "2026-10")
    import_file(store, write_hostile_review(tmp_path / "review.xlsx"), "2026-10")
    filters = Filters(period=pd.Timestamp("2026-10-01").date())
    assert len(queries.decisions_needed(store, filters)) == 2 and len(queries.overdue_actions(store, filters)) == 1
    deck = build_deck(store, DeckRequest(filters, projects=("P1", "P2", "P3")))
    with zipfile.ZipFile(io.BytesIO(deck)) as pptx:
        workbooks = [pptx.read(n) for n in pptx.namelist() if n.endswith(".xlsx")]
        slides_xml = "".join(pptx.read(n).decode() for n in pptx.namelist() if n.endswith(".xml"))
    assert workbooks
    for blob in workbooks:
        with zipfile.ZipFile(io.BytesIO(blob)) as xlsx:
            sheets = "".join(xlsx.read(n).decode() for n in xlsx.namelist() if n.startswith("xl/worksheets/"))
            assert "<f>" not in sheets and "<f " not in sheets
    assert RTL_OVERRIDE not in slides_xml
    assert "L" * max(TEXT, SUMMARY_TEXT) not in slides_xml  # the longest text a slide holds is a PM's summary
    slides = Presentation(io.BytesIO(deck)).slides
    titles = [s.shapes.title.text for s in slides if s.shapes.title is not None]
    assert any(t.startswith("Invoicegnp.exe") for t in titles) and max(len(t) for t in titles) <= TITLE
    # the review's slides hold the hostile text, plain and cut: the decision, the ask, the overdue action
    cells = {title: [cell.text for shape in slide.shapes if shape.has_table for row in shape.table.rows
                     for cell in row.cells]
             for slide in slides for title in [slide.shapes.title.text]}
    decision = "Invoicegnp.exe" + "L" * (ITEM_TEXT - 15) + ELLIPSIS + " (D1)"  # cut to ITEM_TEXT, then its id
    assert decision in cells["Decisions needed"]
    assert LINK + "L" * (ITEM_TEXT - len(LINK) - 1) + ELLIPSIS in cells["Decisions needed"]  # the report's ask
    assert any(c.startswith("+HYPERLINK") and c.endswith(f"{ELLIPSIS} (A1)") for c in cells["Overdue actions"])
    p1 = next(s for s in slides if s.shapes.title.text.startswith(LINK))
    words = [shape.text_frame.text for shape in p1.shapes if shape.has_text_frame]
    summary = next(w for w in words if w.startswith("PM's summary"))
    assert summary.startswith("PM's summary · Invoicegnp.exe\nInvoicegnp.exeLLL") and summary.endswith(ELLIPSIS)
    steps = next(w for w in words if w.startswith("Path to green"))
    assert "• Invoicegnp.exeLLL" in steps and steps.endswith("by 10 Nov 2026")


# -- pages ---------------------------------------------------------------------------------------

def open_page(page: str, query: dict[str, str]):
    from tests.conftest import app_test

    at = app_test()
    for key, value in query.items():
        at.query_params[key] = value
    if page != "pages/portfolio.py":
        at.switch_page(page)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def markdown_shown(at) -> list[str]:
    """Every text the page renders as Markdown."""
    elements = [*at.title, *at.subheader, *at.caption, *at.markdown, *at.info, *at.warning, *at.error, *at.success]
    return [e.value for e in elements] + [e.label for e in at.expander]


@pytest.fixture
def hostile_db(db_path, tmp_path):
    from pmo_data.store import open_store

    path = write_hostile_projects(tmp_path / "projects.csv")
    with path.open("a", encoding="utf-8") as file:
        file.write("P4,See http://x.example,http://x.example,Grow,Pat,1000,2026-01-01,2026-12-31,green\n")
    import_file(open_store(db_path), path, "2026-10")
    return db_path


@pytest.mark.usefixtures("fresh_streamlit_caches")
def test_a_url_from_the_data_in_a_caption_is_no_link(hostile_db):
    at = open_page("pages/portfolio.py", {"program": "http://x.example"})
    scope = next(c.value for c in at.caption if c.value.startswith("Scope:"))
    assert "http\u2060\\://x\\.example" in scope and "http://" not in scope
    shown = markdown_shown(at)
    assert not [t for t in shown if re.search(r"(?<!\\)https?://|(?<!\\)<a", t)]


@pytest.mark.usefixtures("fresh_streamlit_caches")
def test_the_portfolio_page_shows_hostile_names_plain_and_short(hostile_db):
    at = open_page("pages/portfolio.py", {})
    shown = markdown_shown(at)
    assert not [t for t in shown if RTL_OVERRIDE in t or "L" * 1000 in t]
    projects = next(df.value for df in at.dataframe if "project_name" in getattr(df.value, "columns", []))
    names = projects.set_index("project_id")["project_name"]
    assert names["P2"] == "Invoicegnp.exe" and names["P1"] == LINK  # a table draws text, never markup
    assert len(names["P3"]) == 300 and names["P3"].endswith(ELLIPSIS)


@pytest.mark.usefixtures("fresh_streamlit_caches")
def test_the_project_page_title_and_picker_are_plain_and_short(hostile_db):
    at = open_page("pages/project.py", {"project": "P3"})
    assert at.title[0].value == "L" * 79 + ELLIPSIS
    options = at.selectbox(key="project").options
    assert "Invoicegnp.exe (P2)" in options and f"{'L' * 79}{ELLIPSIS} (P3)" in options
    at = open_page("pages/project.py", {"project": "P2"})
    assert at.title[0].value == "Invoicegnp\\.exe"

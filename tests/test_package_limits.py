"""Issue 26, item 2: a 1.6 MB deck template whose layout part inflated to 1.5 GB, uploaded by a viewer,
took the server from 269 MB to 3.3 GB of memory. Every Office package (deck templates as workbooks)
is now judged by its zip directory before anything unpacks it, and a template is an editor's upload."""

from __future__ import annotations

import datetime as dt
import io
import resource
import time
import zipfile

import pytest

from pmo_data import archives, queries
from pmo_data.deck import DeckRequest, build_deck
from pmo_data.store import open_store
from tests.test_app_pages import AUTH, open_page, signed_in_app_test


def template_bomb(inflated_bytes: int = 450_000_000) -> bytes:
    """A pptx-shaped zip whose slide layout inflates to 450 MB (zeros pack about 1000:1), written in
    chunks so that the test itself never holds it (the issue's bomb was 1.5 GB: any size past the
    limits, or packed past the ratio, is refused alike, and this one is quicker to make)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        with package.open("ppt/slideLayouts/slideLayout1.xml", "w", force_zip64=True) as part:
            chunk = bytes(15_000_000)
            for _ in range(inflated_bytes // len(chunk)):
                part.write(chunk)
    return buffer.getvalue()


@pytest.fixture(scope="module")
def bomb() -> bytes:
    return template_bomb()


def test_a_zip_bomb_template_is_refused_in_under_a_second_without_memory(demo_copy, bomb):
    assert len(bomb) < 1_000_000  # a small upload
    store = open_store(demo_copy)
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    with pytest.raises(archives.PackageRefused, match=r"the deck template unpacks to 450 MB, more than the 150 MB "
                                                     r"allowed; refused as a likely zip bomb"):
        build_deck(store, DeckRequest(queries.Filters(period=dt.date(2026, 10, 1)), ("summary",), (), bomb))
    assert time.perf_counter() - start < 1.0
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100 * 1024  # KiB: under 100 MB more


def test_each_limit_is_named_in_its_refusal():
    def package(parts: dict[str, bytes]) -> bytes:
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as made:
            for name, data in parts.items():
                made.writestr(name, data)
        return buffer.getvalue()

    many = package({f"ppt/media/image{i}.png": b"x" for i in range(5_001)})
    with pytest.raises(archives.PackageRefused, match="has 5,001 parts, more than the 5,000 allowed"):
        archives.check_package(many, archives.DECK_TEMPLATE)
    packed_tight = package({"ppt/slides/slide1.xml": bytes(30_000_000)})  # 30 MB of zeros in ~30 KB
    with pytest.raises(archives.PackageRefused, match=r"unpacks to 30 MB from 0\.0 MB, more than 200 times its size"):
        archives.check_package(packed_tight, archives.DECK_TEMPLATE)
    with pytest.raises(archives.PackageRefused, match="not a PowerPoint template"):
        archives.check_package(b"just text", archives.DECK_TEMPLATE, "deck.pptx")
    archives.check_package(package({"ppt/slides/slide1.xml": b"<p:sld/>" * 1000}), archives.DECK_TEMPLATE)  # a fair one passes
    tiny = archives.PackageLimits("workbook", "not a workbook", max_unpacked_bytes=1_000, max_parts=10)
    with pytest.raises(archives.PackageRefused, match="unpacks to 1,005 bytes, more than the 1,000 bytes allowed"):
        archives.check_package(package({"a.xml": b"x" * 1_005}), tiny)  # just over: said in bytes, not '0 MB … 0 MB'


def test_only_an_editor_is_offered_the_template_upload(demo_copy, monkeypatch):
    at = open_page("pages/portfolio.py")  # open access: an editor
    assert [u.key for u in at.get("file_uploader")] == ["deck_template"]
    viewer = signed_in_app_test(monkeypatch, AUTH, "Vic", "viewer", "pages/portfolio.py")
    assert not viewer.get("file_uploader")


def test_a_zip_bomb_workbook_upload_is_refused_in_under_a_second_without_memory(tmp_path, bomb):
    from pmo_data.readers import UnreadableFile, read_workbook

    path = tmp_path / "plan.xlsx"
    path.write_bytes(bomb)  # the same 450 MB of zeros, under a workbook's name
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    with pytest.raises(UnreadableFile, match=r"plan\.xlsx: the workbook unpacks to 450 MB from 0\.\d MB, more than 200 "
                                             r"times its size; refused as a likely zip bomb"):
        read_workbook(path)
    assert time.perf_counter() - start < 1.0
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before < 100 * 1024

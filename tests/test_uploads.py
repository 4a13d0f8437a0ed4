"""Upload staging (pmo_data/uploads.py): a private folder per process, files only its owner can
read, never written through a symlink, gone after the import or when stale."""

from __future__ import annotations

import os
import stat

import pytest

from pmo_data.uploads import Staging, StagingRefused, safe_file_name

CONTENT = b"project_id,project_name\nP1,Apollo\n"


@pytest.fixture
def staging(tmp_path):
    staging = Staging(tmp_path)
    yield staging
    staging.close()


def mode(path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def test_folder_and_files_are_private(staging, tmp_path):
    path = staging.stage("projects.csv", CONTENT)
    assert path.read_bytes() == CONTENT and path.name == "projects.csv"
    assert staging.folder.parent == tmp_path and staging.folder.name.startswith("pmo-uploads-")
    assert (mode(staging.folder), mode(path.parent), mode(path)) == (0o700, 0o700, 0o600)


def test_two_processes_never_share_a_folder(tmp_path):
    first, second = Staging(tmp_path), Staging(tmp_path)
    assert first.folder != second.folder
    first.close()
    second.close()


def test_a_symlink_planted_at_the_file_name_is_not_written_through(staging, tmp_path):
    outside = tmp_path / "victim.txt"
    outside.write_text("precious", encoding="utf-8")
    path = staging.stage("projects.csv", CONTENT)
    staging.discard(path)
    path.parent.mkdir(mode=0o700)
    path.symlink_to(outside)

    staged = staging.stage("projects.csv", CONTENT)
    assert outside.read_text(encoding="utf-8") == "precious"
    assert not staged.is_symlink() and staged.read_bytes() == CONTENT and mode(staged) == 0o600


def test_a_symlink_planted_as_the_content_folder_is_not_followed(staging, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    path = staging.stage("projects.csv", CONTENT)
    staging.discard(path)
    path.parent.symlink_to(elsewhere, target_is_directory=True)

    staged = staging.stage("projects.csv", CONTENT)
    assert list(elsewhere.iterdir()) == []
    assert not staged.parent.is_symlink() and staged.read_bytes() == CONTENT


def test_a_stray_folder_at_the_name_is_cleared_without_following_links(staging, tmp_path):
    outside = tmp_path / "victim.txt"
    outside.write_text("precious", encoding="utf-8")
    path = staging.stage("projects.csv", CONTENT)
    path.unlink()
    path.mkdir()
    (path / "link").symlink_to(outside)
    staged = staging.stage("projects.csv", CONTENT)
    assert staged.is_file() and staged.read_bytes() == CONTENT
    assert outside.read_text(encoding="utf-8") == "precious"


def test_a_link_that_cannot_be_taken_away_refuses_the_upload(staging, tmp_path, monkeypatch):
    """Even when the planted link stays (removal failed, or it was planted again in between), the
    file is created only where nothing is: the upload is refused, the target untouched."""
    outside = tmp_path / "victim.txt"
    outside.write_text("precious", encoding="utf-8")
    path = staging.stage("projects.csv", CONTENT)
    path.unlink()
    path.symlink_to(outside)
    monkeypatch.setattr(os, "unlink", lambda *args, **kwargs: None)
    with pytest.raises(StagingRefused):
        staging.stage("projects.csv", CONTENT)
    assert outside.read_text(encoding="utf-8") == "precious"


def test_the_same_upload_again_is_the_same_file(staging):
    first = staging.stage("projects.csv", CONTENT)
    assert staging.stage("projects.csv", CONTENT) == first
    assert staging.stage("projects.csv", CONTENT + b"P2,Gemini\n") != first  # another version, kept apart


def test_the_file_is_gone_after_import(staging):
    path = staging.stage("projects.csv", CONTENT)
    staging.discard(path)
    assert not path.exists() and not path.parent.exists()
    assert list(staging.folder.iterdir()) == []


def test_discard_touches_nothing_outside_the_folder(staging, tmp_path):
    outside = tmp_path / "other" / "file.csv"
    outside.parent.mkdir()
    outside.write_bytes(CONTENT)
    with pytest.raises(ValueError):
        staging.discard(outside)
    assert outside.exists()


def test_stale_files_are_swept_at_the_next_staging(staging):
    old = staging.stage("old.csv", CONTENT, now=1_000_000.0)
    fresh = staging.stage("fresh.csv", CONTENT + b"x", now=1_000_000.0 + 3000)
    assert old.exists() and fresh.exists()
    staging.stage("new.csv", CONTENT + b"y", now=1_000_000.0 + 3700)  # old is 3700 s old, fresh 700 s
    assert not old.exists() and not old.parent.exists()
    assert fresh.exists()


def test_staging_again_restarts_the_clock(staging):
    path = staging.stage("projects.csv", CONTENT, now=1_000_000.0)
    staging.stage("projects.csv", CONTENT, now=1_000_000.0 + 3000)  # the page ran again: still in use
    staging.stage("other.csv", b"other", now=1_000_000.0 + 4000)
    assert path.exists()


def test_close_removes_the_folder(tmp_path):
    staging = Staging(tmp_path)
    staging.stage("projects.csv", CONTENT)
    staging.close()
    assert not staging.folder.exists()


@pytest.mark.parametrize("name, expected", [
    ("../../etc/passwd", "passwd"),
    ("C:\\Users\\me\\plan.xlsx", "plan.xlsx"),
    ("..", "upload"),
    ("Invoice\u202egnp.exe.csv", "Invoicegnp.exe.csv"),
    ("a\x1b[31m.csv", "a[31m.csv"),
])
def test_file_names_are_plain(name, expected):
    assert safe_file_name(name) == expected


def test_a_very_long_name_keeps_its_extension():
    name = safe_file_name("x" * 100_000 + ".xlsx")
    assert len(name) == 120 and name.endswith("….xlsx")


@pytest.mark.parametrize("letter", ["é", "Ж", "計", "😀"])  # 2, 2, 3 and 4 bytes in UTF-8
def test_a_long_name_in_any_script_fits_a_file_name_in_bytes(tmp_path, letter):
    # issue 26, item 14: 100 non-ASCII characters broke the Data page (ENAMETOOLONG)
    name = safe_file_name(letter * 100 + ".xlsx")
    assert name.endswith("….xlsx") and len(name.encode("utf-8")) <= 200 and name.startswith(letter * 10)
    staged = Staging(tmp_path).stage(letter * 100 + ".xlsx", CONTENT)
    assert staged.read_bytes() == CONTENT and staged.name == name

"""The real-export corpus (docs/real-corpus.md): the checker on a listed file made here, and the
whole corpus when its files lie beside the repository (`../corpus/files`; skipped otherwise)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from pmo_data import corpus
from tests.conftest import ROOT
from tests.files import write_csv

CORPUS_FILES = ROOT.parent / "corpus" / "files"
# The corpus's score when this was last measured (docs/real-corpus.md): it may rise, never fall.
RIGHT_AT_LEAST = 112


def test_the_list_names_forty_files_of_ten_kinds_each_with_its_source():
    entries = corpus.load_list()
    assert len(entries) >= 40 and len({e.kind for e in entries}) >= 10
    with corpus.LIST_FILE.open("rb") as f:
        import tomllib

        raw = tomllib.load(f)["file"]
    for entry in raw:
        assert len(entry["commit"]) == 40 and len(entry["blob"]) == 40 and "/" in entry["repo"] and entry["rows"] >= 1, entry


def test_a_file_is_right_wrong_or_refused_against_its_hand_count(tmp_path):
    write_csv(tmp_path / "plan.csv", "Task Name,Status,Start Date,End Date\nA,Done,03/04/2026,25/04/2026\n"
                                     "B,In progress,05/04/2026,06/05/2026\nC,To do,,\n")
    write_csv(tmp_path / "notes.txt.csv", "Just,some\nwords,here\n")
    write_csv(tmp_path / "unread.csv", "Task Name,Status,Start Date,End Date\nA,Done,2026-01-05,on going\n")
    write_csv(tmp_path / "cash flow.csv", "Cost line,M1,M2,M3\nLicences,100,200,300\nTravel,,50,\n")
    (tmp_path / "list.toml").write_text(
        '[[file]]\nname = "plan.csv"\ntable = "tasks"\nrows = 3\ndone = 1\nin_progress = 1\ntodo = 1\nwith_start = 2\n'
        'first_date = "2026-04-03"\nlast_date = "2026-05-06"\n'
        '[[file]]\nname = "plan.csv"\ntable = "tasks"\nrows = 4\n'
        '[[file]]\nname = "notes.txt.csv"\ntable = "tasks"\nrows = 2\n'
        '[[file]]\nname = "unread.csv"\ntable = "tasks"\nrows = 1\n'
        '[[file]]\nname = "cash flow.csv"\ntable = "costs"\nmonths = 3\namount = 650.0\n'
        '[[file]]\nname = "absent.csv"\ntable = "tasks"\nrows = 2\n', encoding="utf-8")
    outcomes = corpus.check(tmp_path, corpus.load_list([tmp_path / "list.toml"]))
    # the absent file is left out; a file with a value that cannot be read is refused, as a plain import refuses it
    # the plan counted M1 … is refused asking its first month; answered, it loads right
    assert [o.verdict for o in outcomes] == ["right", "wrong", "refused", "refused", "answered"]
    assert outcomes[4].message == "asked first_month"
    assert outcomes[1].differences == ["rows 3 (hand count 4)"]
    assert "could not be read" in outcomes[3].message and "on going" in outcomes[3].message
    assert corpus.score(outcomes) == "1 of 5 right, 1 right once a question is answered, 1 wrong, 2 refused, 0 errors"
    done = subprocess.run([sys.executable, "-m", "pmo_data", "corpus", "check", str(tmp_path), "--list",
                           str(tmp_path / "list.toml")], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and done.stdout.splitlines()[0] == "1 of 5 right, 1 right once a question is answered, 1 wrong, 2 refused, 0 errors"


@pytest.mark.real_exports
def test_the_corpus_scores_no_lower_than_last_measured():
    if not CORPUS_FILES.is_dir():
        pytest.skip(f"{CORPUS_FILES} not present (the corpus files live beside the repo only on developer machines)")
    outcomes = corpus.check(CORPUS_FILES, corpus.load_list())
    assert not [o.line() for o in outcomes if o.verdict == "error"]
    right = sum(o.verdict == "right" for o in outcomes)
    assert right >= RIGHT_AT_LEAST, "\n".join([corpus.score(outcomes), *(o.line() for o in outcomes)])

"""A message's advice in the words of where it is read (issue 27): the page's action on a page, the
command's flag in a terminal, never the one in the other."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from pmo_data import advice
from pmo_data.cli import main
from pmo_data.importer import ImportFailed, import_file
from tests.files import write_csv
from tests.test_app_pages import data_page_with_upload


def test_each_surface_keeps_its_own_words():
    said = "not read. Next: " + advice.either("map its columns below", "use --mapping FILE.toml") + "."
    assert advice.for_page(said) == "not read. Next: map its columns below."
    assert advice.for_cli(said) == "not read. Next: use --mapping FILE.toml."


@given(st.text(alphabet=st.characters(blacklist_characters="\u27e6\u27e7")), st.text(alphabet=st.characters(
    blacklist_characters="\u27e6\u27e7")))
def test_a_message_without_advice_is_left_as_it_is(before, after):
    assert advice.for_page(before + after) == before + after == advice.for_cli(before + after)
    both = before + advice.either("P", "C") + after
    assert (advice.for_page(both), advice.for_cli(both)) == (before + "P" + after, before + "C" + after)


def test_a_refusal_on_the_data_page_names_no_command_flag(db_path, tmp_path):
    # issue 27: "Messages in the browser give CLI flags (--source NAME, or give a mapping with --mapping FILE.toml)"
    odd = write_csv(tmp_path / "odd.csv", "Colour,Shape\nred,round\nblue,square\n")
    at = data_page_with_upload(odd, "2026-10")
    shown = " ".join(e.value for e in at.error)
    assert "layout not recognised" in shown and "Map its columns" in shown and "--" not in shown


def test_the_same_refusal_in_a_terminal_names_the_flags(db_path, tmp_path, capsys):
    odd = write_csv(tmp_path / "odd.csv", "Colour,Shape\nred,round\nblue,square\n")
    assert main(["import", str(odd), "--db", str(db_path), "--period", "2026-10"]) == 1
    err = capsys.readouterr().err
    assert "--source NAME" in err and "--mapping FILE.toml" in err and "\u27e6" not in err and "Map its columns" not in err

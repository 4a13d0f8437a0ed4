"""The deck as a sponsor sees it: rendered to PDF by LibreOffice and to one PNG per slide by
pdftoppm (both installed by `make test` where it may install packages; skipped otherwise). The
pictures are kept in test-artifacts/deck/ to look at."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import numpy as np
import pytest
from PIL import Image, ImageStat
from pptx import Presentation

from pmo_data import queries
from pmo_data.deck import DeckRequest, build_deck
from pmo_data.store import open_store
from tests.conftest import ROOT

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
PDFTOPPM = shutil.which("pdftoppm")
PICTURES = ROOT / "test-artifacts" / "deck"

pytestmark = pytest.mark.skipif(
    not (SOFFICE and PDFTOPPM),
    reason="LibreOffice Impress and poppler-utils are needed to render the deck (apt-get install libreoffice-impress "
           "poppler-utils; `make test` installs them when run as root)")


def test_every_slide_renders_and_the_story_comes_first(demo_db, tmp_path):
    deck_file = tmp_path / "review.pptx"
    deck_file.write_bytes(build_deck(open_store(demo_db), DeckRequest(queries.Filters(period=dt.date(2026, 10, 1)),
                                                                      projects=("PRJ-007",))))
    slides = len(Presentation(deck_file).slides)
    profile = tmp_path / "office-profile"  # its own profile: runs beside another LibreOffice
    subprocess.run([SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to", "pdf",
                    "--outdir", str(tmp_path), str(deck_file)], check=True, capture_output=True, timeout=240)
    shutil.rmtree(PICTURES, ignore_errors=True)
    PICTURES.mkdir(parents=True)
    subprocess.run([PDFTOPPM, "-r", "60", "-png", str(tmp_path / "review.pdf"), str(PICTURES / "slide")], check=True,
                   timeout=240)
    pictures = sorted(PICTURES.glob("slide-*.png"))
    assert len(pictures) == slides
    for picture in pictures:
        image = Image.open(picture).convert("L")
        assert image.size[0] / image.size[1] == pytest.approx(16 / 9, rel=0.01)
        assert ImageStat.Stat(image).stddev[0] > 10, f"{picture.name} looks blank"
    # the executive summary (slide 2) holds text over most of its height; the bubble chart slide is drawn
    summary = np.asarray(Image.open(pictures[1]).convert("L"))
    inked_rows = int((summary < 128).any(axis=1).sum())
    assert inked_rows > summary.shape[0] * 0.2

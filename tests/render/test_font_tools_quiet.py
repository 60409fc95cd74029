"""fontTools' own warnings stay out of the user's terminal: a theme font with a table fontTools
cannot subset printed "FFTM NOT subset; don't know how to subset; dropped" on every DOCX or
HTML render (newcomer trial). The table is still dropped from the subset."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf")  # fonts-dejavu-core (make system-packages)


@pytest.fixture
def odd_font(tmp_path) -> Path:
    from fontTools.ttLib import TTFont, newTable

    font = TTFont(str(DEJAVU))
    table = newTable("FFTM")  # FontForge's time stamps: a table fontTools does not know how to subset
    table.version, table.FFTimeStamp, table.sourceCreated, table.sourceModified = 1, 0, 0, 0
    font["FFTM"] = table
    path = tmp_path / "odd.ttf"
    font.save(str(path))
    return path


def test_subsetting_a_font_with_an_unknown_table_says_nothing(odd_font, caplog):
    from fontTools.ttLib import TTFont

    from resume_builder.render.docx_fonts import _compute_embeddable
    from resume_builder.render.font_subset import _compute_subset

    import io

    caplog.set_level(logging.INFO)
    woff2 = _compute_subset(odd_font, frozenset("Jo Short"))
    docx_font = _compute_embeddable(odd_font, 400, 100.0, "Odd", False, False, frozenset("Jo Short"))
    assert [r.getMessage() for r in caplog.records if r.name.startswith("fontTools")
            and r.levelno >= logging.WARNING] == []
    for data in (woff2, docx_font):
        assert "FFTM" not in TTFont(io.BytesIO(data))  # dropped all the same
    assert logging.getLogger("fontTools").level == logging.NOTSET  # left as it was

"""A list bullet is read with its item by pdftotext in every mode (README): in its default
mode a column of short items' bullets, set a whole em from their text in the classic and
compact themes, was read as a column of its own, five lone '•' lines before the five items
(newcomer trial)."""

from __future__ import annotations

import shutil
import subprocess

import pytest

pytestmark = pytest.mark.skipif(shutil.which("pdftotext") is None,
                                reason="pdftotext (Debian package poppler-utils) is not installed")


@pytest.mark.parametrize("mode", [(), ("-raw",), ("-layout",)], ids=["default", "raw", "layout"])
@pytest.mark.parametrize("theme", ["classic", "modern", "compact"])
def test_no_bullet_is_read_apart_from_its_item(theme_outputs, theme, mode):
    path = theme_outputs.path(theme, "pdf")
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", *mode, str(path), "-"], check=True,
                          capture_output=True, text=True).stdout
    lines = [line.strip() for line in text.splitlines()]
    assert "•" not in lines
    assert sum(line.startswith("• ") for line in lines) >= 10

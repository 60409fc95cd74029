"""Fonts as written into PDFs, HTML and DOCX files, kept on disk between processes (render/font_cache.py, issue 20).

A render that finds its fonts' subsets on disk writes the same bytes as one that computes
them; a torn or altered entry, a folder others may write and an empty setting are all
misses, never a different PDF; the folder holds at most MAX_ENTRIES entries. An HTML file's
WOFF2 subsets and a DOCX's embedded faces are kept the same way. (The suite runs with a cache
folder of its own per run, tests/conftest.py; these tests use one in a temporary folder.)
"""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from weasyprint.pdf import fonts

from resume_builder import pipeline
from resume_builder.render import font_cache, pdf
from tests.conftest import FIXTURES


@pytest.fixture
def profile(tmp_path, monkeypatch) -> Path:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    target = tmp_path / "profile" / "one_page.yaml"  # a page with bold, italic and links: fonts enough
    target.parent.mkdir()
    shutil.copy(FIXTURES / "profiles" / "one_page.yaml", target)
    return target


def _render(profile: Path) -> bytes:
    """A PDF as a new process makes it: nothing in the in-process caches."""
    for cache in (pdf._CLEANED, pdf._RECENT):
        cache.clear()
    job = pipeline.prepare(profile)
    return pipeline.render(job, "pdf", profile.with_suffix(".pdf"))[0].data


def _counting(monkeypatch) -> list[int]:
    """Count WeasyPrint's own subsetting (the work the disk cache saves)."""
    pdf._install_font_cache()
    calls = [0]
    original = fonts.Font.clean._resume_builder_original

    def counted(self, to_unicode, hinting):
        calls[0] += 1
        return original(self, to_unicode, hinting)

    monkeypatch.setattr(fonts.Font.clean, "_resume_builder_original", counted)
    return calls


def test_fonts_read_from_disk_give_the_same_bytes_as_fonts_computed(profile, tmp_path, monkeypatch):
    calls = _counting(monkeypatch)
    monkeypatch.setenv("RESUME_BUILDER_CACHE_DIR", "")
    computed = _render(profile)
    assert calls[0] > 0

    monkeypatch.setenv("RESUME_BUILDER_CACHE_DIR", str(tmp_path / "cache"))
    calls[0] = 0
    writing = _render(profile)
    entries = list((tmp_path / "cache" / "fonts-2").iterdir())
    assert calls[0] > 0 and len(entries) == calls[0]

    calls[0] = 0
    reading = _render(profile)
    assert calls[0] == 0  # every font came from the disk
    assert computed == writing == reading
    assert stat.S_IMODE((tmp_path / "cache" / "fonts-2").stat().st_mode) == 0o700


def test_a_torn_or_altered_entry_is_a_miss_and_is_written_again(profile, tmp_path, monkeypatch):
    monkeypatch.setenv("RESUME_BUILDER_CACHE_DIR", str(tmp_path / "cache"))
    first = _render(profile)
    entries = sorted((tmp_path / "cache" / "fonts-2").iterdir())
    torn, altered = entries[0], entries[1]
    torn.write_bytes(torn.read_bytes()[:100])
    data = bytearray(altered.read_bytes())
    data[len(data) // 2] ^= 0xFF
    altered.write_bytes(bytes(data))
    calls = _counting(monkeypatch)
    assert _render(profile) == first
    assert calls[0] == 2
    assert font_cache.load(torn.name) is not None and font_cache.load(altered.name) is not None


def test_a_folder_others_may_write_is_not_read(profile, tmp_path, monkeypatch):
    monkeypatch.setenv("RESUME_BUILDER_CACHE_DIR", str(tmp_path / "cache"))
    first = _render(profile)
    folder = tmp_path / "cache" / "fonts-2"
    folder.chmod(0o777)
    assert font_cache.folder() is None
    calls = _counting(monkeypatch)
    assert _render(profile) == first and calls[0] > 0


def test_an_empty_setting_turns_the_disk_cache_off(tmp_path, monkeypatch):
    monkeypatch.setenv("RESUME_BUILDER_CACHE_DIR", " ")
    assert font_cache.folder() is None
    font_cache.store("name", b"font", {})
    assert font_cache.load("name") is None


def test_the_default_folder_follows_xdg(tmp_path, monkeypatch):
    monkeypatch.delenv("RESUME_BUILDER_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert font_cache.folder() == tmp_path / "xdg" / "resume-builder" / "fonts-2"
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/is/ignored")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert font_cache.folder() == tmp_path / "home" / ".cache" / "resume-builder" / "fonts-2"


def test_the_folder_keeps_at_most_max_entries_the_newest(tmp_path, monkeypatch):
    monkeypatch.setenv("RESUME_BUILDER_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(font_cache, "MAX_ENTRIES", 3)
    for number in range(5):
        name = font_cache.key("entry", number)
        font_cache.store(name, b"font %d" % number, {"wght": 400 + number})
        os.utime(tmp_path / "cache" / "fonts-2" / name, ns=(number * 10**9, number * 10**9))
    kept = {path.name for path in (tmp_path / "cache" / "fonts-2").iterdir()}
    assert kept == {font_cache.key("entry", number) for number in (2, 3, 4)}
    assert font_cache.load(font_cache.key("entry", 4)) == (b"font 4", {"wght": 404})


@pytest.mark.parametrize("fmt", ["html", "docx"])
def test_html_and_docx_fonts_read_from_disk_give_the_same_bytes(fmt, tmp_path, monkeypatch):
    """A second process (in-process caches emptied) reads the subsets back: no subsetting, same bytes."""
    profile = tmp_path / "small.yaml"
    profile.write_text("basics:\n  name: Ada Exemplar\n  email: ada@example.com\nsummary: Builds **calm** systems.\n",
                       encoding="utf-8")
    from resume_builder.render import docx_fonts, font_subset

    compute = {"html": (font_subset, "_compute_subset"), "docx": (docx_fonts, "_compute_embeddable")}[fmt]
    calls = [0]
    original = getattr(*compute)

    def counted(*args):
        calls[0] += 1
        return original(*args)

    monkeypatch.setattr(*compute, counted)
    monkeypatch.setenv("RESUME_BUILDER_CACHE_DIR", str(tmp_path / "cache"))

    def render() -> bytes:
        font_subset._subset.cache_clear()
        docx_fonts._embeddable.cache_clear()
        job = pipeline.prepare(profile)
        return pipeline.render(job, fmt, profile.with_suffix(f".{fmt}"))[0].data

    first = render()
    computed = calls[0]
    assert computed > 0
    second = render()
    assert calls[0] == computed, "the second render subset its fonts again"
    assert second == first  # the first render computed its subsets: read back, they give its bytes


def test_a_changed_font_file_is_a_miss(tmp_path, monkeypatch):
    """Entries are keyed by the font's bytes, not its path: a font replaced in place is subset anew."""
    from resume_builder.render import font_subset

    monkeypatch.setenv("RESUME_BUILDER_CACHE_DIR", str(tmp_path / "cache"))
    from resume_builder.theming import find_theme

    paths = sorted({face.path for name in ("classic", "modern") for face in find_theme(name).font_faces()})
    first, other = paths[0], next(p for p in paths[1:] if p.read_bytes() != paths[0].read_bytes())
    font = tmp_path / "face.ttf"
    shutil.copy(first, font)
    font_subset._subset.cache_clear()
    a = font_subset.web_subset(font, "abc")
    shutil.copy(other, font)
    os.utime(font, ns=(1, 1))  # a different size or time: the digest is taken again
    font_subset._subset.cache_clear()
    b = font_subset.web_subset(font, "abc")
    assert a != b
    font_subset._subset.cache_clear()
    assert font_subset.web_subset(font, "abc") == b

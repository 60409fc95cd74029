"""Colour emoji images made once per glyph picture (render/emoji_images.py, issue 20) change
nothing but the time taken: the PDF is byte-identical to one drawn by WeasyPrint's own
``RasterImage``, the second render makes no image again, and each PDF gets objects of its own."""

from __future__ import annotations

from pathlib import Path

import pydyf
import pytest
from weasyprint.draw import text

from resume_builder.render import emoji_images
from resume_builder.render.recent import Recent
from tests.render.edited import HEADLINE, edited_pdf



#: Two emoji in the one-page profile's summary.
EMOJI = (("Keeps services up and on-call quiet.", "Keeps services up 🚀 and on-call quiet 🛠️."),)


def _pdf(profile: Path, headline: str) -> bytes:
    return edited_pdf(profile, headline, replace=EMOJI)


@pytest.fixture
def made(monkeypatch: pytest.MonkeyPatch) -> list:
    """The images WeasyPrint's own RasterImage makes for emoji, one item each."""
    emoji_images.install()
    original = text.RasterImage._resume_builder_original
    calls: list = []

    def counting(*args, **kwargs):
        calls.append(args[1])
        return original(*args, **kwargs)

    monkeypatch.setattr(text, "RasterImage", counting)  # the kept-images maker is put back after the test
    emoji_images.install()
    monkeypatch.setattr(emoji_images, "_IMAGES", Recent(64))
    return calls


def test_emoji_are_made_once_and_the_pdf_has_the_bytes_of_weasyprints_own(tmp_path, made, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    profile = tmp_path / "one_page.yaml"
    first = _pdf(profile, HEADLINE)
    assert len(made) == 2  # the two emoji
    made.clear()
    warm = _pdf(profile, "Platform Engineer")
    assert made == []
    with monkeypatch.context() as patch:
        patch.setattr(text, "RasterImage", text.RasterImage._resume_builder_original)
        assert warm == _pdf(profile, "Platform Engineer")
        assert first == _pdf(profile, HEADLINE)


def test_each_pdf_gets_image_objects_of_its_own():
    """WeasyPrint numbers the image object it is given and replaces its soft mask by a reference."""
    stream = pydyf.Stream([b"data"], pydyf.Dictionary({"Width": 2, "DecodeParms": pydyf.Dictionary({"Colors": 3}),
                                                       "SMask": pydyf.Stream([b"alpha"], pydyf.Dictionary())}))
    copy = emoji_images._copy(stream)
    assert copy is not stream and copy.stream == stream.stream and copy.stream is not stream.stream
    assert copy.extra is not stream.extra and copy.extra["DecodeParms"] is not stream.extra["DecodeParms"]
    assert copy.extra["SMask"] is not stream.extra["SMask"] and copy.extra["SMask"].stream == [b"alpha"]
    copy.extra["SMask"] = "1 0 R"
    assert isinstance(stream.extra["SMask"], pydyf.Stream)


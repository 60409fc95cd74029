"""PDF streams deflated once per content (render/pdf_streams.py, issue 20): same bytes."""

from __future__ import annotations

import shutil
import zlib

import pydyf

from resume_builder import pipeline
from resume_builder.render import pdf_streams
from tests.conftest import EXAMPLE


def _stream_bytes(text: bytes) -> bytes:
    stream = pydyf.Stream([text], compress=True)
    return stream.data


def test_a_remembered_stream_is_the_bytes_zlib_gives():
    pdf_streams.install()
    assert isinstance(pydyf.zlib, pdf_streams._Zlib)
    text = b"BT /F1 9 Tf 72 700 Td (Platform & DevOps Engineer) Tj ET\n" * 50
    first = _stream_bytes(text)
    entries = len(pdf_streams._DEFLATED)
    again = _stream_bytes(text)
    assert again == first and len(pdf_streams._DEFLATED) == entries  # served from memory
    compressor = zlib.compressobj(level=9)
    expected = compressor.compress(text) + compressor.flush()
    assert expected in first and first.count(b"/Length %d" % len(expected)) == 1
    assert pydyf.zlib.compress(b"abc") == zlib.compress(b"abc")  # the rest is zlib itself


def test_the_memory_is_bounded(monkeypatch):
    monkeypatch.setattr(pdf_streams, "MAX_ENTRIES", 3)
    pdf_streams.install()
    for number in range(6):
        _stream_bytes(b"stream %d" % number)
    assert len(pdf_streams._DEFLATED) == 3


def test_a_pdf_is_the_same_with_and_without_it(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    profile = tmp_path / "example.yaml"
    shutil.copy(EXAMPLE, profile)

    def render() -> bytes:
        return pipeline.render(pipeline.prepare(profile), "pdf", tmp_path / "example.pdf")[0].data

    remembered = render()
    remembered_again = render()
    monkeypatch.setattr(pdf_streams, "install", lambda: None)
    monkeypatch.setattr("resume_builder.render.pdf.install_stream_cache", lambda: None)
    monkeypatch.setattr(pydyf, "zlib", zlib)
    assert render() == remembered == remembered_again

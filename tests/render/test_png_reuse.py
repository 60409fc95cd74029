"""PNG pages re-used by their pixels (render/png.py ``reuse``, the preview server, issue 20).

After an edit, a page whose pixels are unchanged keeps its PNG without being encoded again;
the PNGs are the same bytes as without re-use; a changed page is encoded; the dict holds the
last call's pages only.
"""

from __future__ import annotations

import shutil

from resume_builder import pipeline
from resume_builder.render import png
from tests.conftest import EXAMPLE

HEADLINE = "Platform & DevOps Engineer"


def _pdf(profile, headline: str) -> bytes:
    profile.write_text(EXAMPLE.read_text(encoding="utf-8").replace(HEADLINE, headline, 1), encoding="utf-8")
    return pipeline.render(pipeline.prepare(profile), "pdf", profile.with_suffix(".pdf"))[0].data


def test_unchanged_pages_keep_their_png_and_changed_pages_are_encoded(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    profile = tmp_path / "example.yaml"
    shutil.copy(EXAMPLE, profile)
    before, after = _pdf(profile, HEADLINE), _pdf(profile, "Platform Engineer")
    encoded = []
    palette = png._palette
    monkeypatch.setattr(png, "_palette", lambda image: encoded.append(1) or palette(image))

    reuse: dict[bytes, bytes] = {}
    first = png.pdf_to_pngs(before, optimize=False, reuse=reuse)
    assert len(encoded) == len(first) > 1 and len(reuse) == len(set(first))
    encoded.clear()
    second = png.pdf_to_pngs(after, optimize=False, reuse=reuse)
    assert len(encoded) == 1  # the headline's page only: the others have the same pixels
    assert second[0] != first[0] and second[1:] == first[1:]
    assert second == png.pdf_to_pngs(after, optimize=False)  # the same bytes as without re-use
    assert set(reuse.values()) == set(second)

"""A theme's links in the PDF: only http, https, mailto and tel addresses, and links within the
document. WeasyPrint resolved a theme's relative ``<a href="cv.html">`` against the theme
folder: ``file:///<folder>/cv.html`` in the PDF, a dead link that recorded the machine's
folders and made the same input give other bytes in another folder (security review)."""

from __future__ import annotations

import io
import shutil

from pypdf import PdfReader

from resume_builder import pipeline
from tests.conftest import FIXTURES, REPO
from tests.render.test_pdf import link_uris

LINKS = ('<p><a href="cv.html">web version</a> <a href="javascript:alert(1)">js</a> '
         '<a href="file:///etc/passwd">file</a> <a href="https://example.org/cv">online</a> '
         '<a href="#top">top</a></p>')


def _render(folder, links=LINKS):
    theme = folder / "linky"
    shutil.copytree(REPO / "themes" / "classic", theme)
    header = theme / "templates" / "header.html.j2"
    header.write_text(header.read_text(encoding="utf-8") + links, encoding="utf-8")
    profile = folder / "cv.yaml"
    shutil.copy(FIXTURES / "profiles" / "one_page.yaml", profile)
    job = pipeline.prepare(profile, theme_dir=theme)
    (rendered,) = pipeline.render(job, "pdf", folder / "cv.pdf")
    return rendered


def test_a_theme_links_to_web_addresses_only_and_the_rest_is_named(tmp_path):
    rendered = _render(tmp_path)
    uris = link_uris(PdfReader(io.BytesIO(rendered.data)))
    assert "https://example.org/cv" in uris
    assert not [uri for uri in uris if uri.split(":")[0] not in ("http", "https", "mailto", "tel")], uris
    dropped = [w for w in rendered.warnings if "is left out of the PDF" in w]
    assert [w.split("'")[3] for w in dropped] == ["cv.html", "javascript:alert(1)", "file:///etc/passwd"]
    assert str(tmp_path) not in " ".join(dropped)  # the relative link is named as the theme wrote it


#: Web links whose host is not written "//host": a browser takes a backslash for a slash, so
#: each of these opens evil.example (or nothing) whatever Python's urlsplit makes of it.
AUTHORITY_LINKS = ('<p><a href="https:/\\evil.example">one slash</a> <a href="https:\\\\evil.example">two</a> '
                   '<a href="https://evil.example\\@good.example">user</a> <a href="https:///evil.example">empty</a> '
                   '<a href="http:evil.example">none</a> <a href="https://[evil.example/">bracket</a> '
                   '<a href="https://example.org/a\\b">path</a> <a href="https://example.org/cv">online</a></p>')


def test_a_theme_web_link_whose_host_is_not_written_after_two_slashes_is_left_out(tmp_path):
    rendered = _render(tmp_path, AUTHORITY_LINKS)
    uris = link_uris(PdfReader(io.BytesIO(rendered.data)))
    assert "https://example.org/cv" in uris
    assert "https://example.org/a%5Cb" in uris  # a backslash in the path names no other host
    assert not [uri for uri in uris if "evil" in uri], uris
    dropped = [w for w in rendered.warnings if "is left out of the PDF" in w]
    assert [w.split("'")[3] for w in dropped] == [
        "https:/%5Cevil.example", "https:%5C%5Cevil.example", "https://evil.example%5C@good.example",
        "https:///evil.example", "http:evil.example", "https://[evil.example/"]
    assert all("write 'https://host/...'" in w for w in dropped), dropped


def test_the_same_theme_in_another_folder_gives_the_same_bytes(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b" / "deeper").mkdir(parents=True)
    assert _render(tmp_path / "a").data == _render(tmp_path / "b" / "deeper").data

"""Safety of PDF rendering: the restricted URL fetcher, hostile themes and hostile profiles.

A loopback HTTP server (127.0.0.1, a free port, in a thread, counting every request)
stands in for the internet: whatever a theme or profile tries, it must get zero requests.
Hostile themes are the fixture ``tests/fixtures/themes/hostile`` (classic plus one attack
from its ``attacks/`` folder), copied into tmp_path with the server's port filled in and
used with ``--theme-dir``.
"""

from __future__ import annotations

import base64
import http.server
import io
import os
import shutil
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from resume_builder.render.fetcher import FetchRefused, RestrictedFetcher
from tests.conftest import FIXTURES

# About what documents say, not their fonts: font subsetting is stood in for (tests/font_stand_ins.py).
pytestmark = pytest.mark.usefixtures("cheap_font_subsetting")

pypdf = pytest.importorskip("pypdf")

runner = CliRunner()
HOSTILE_THEME = FIXTURES / "themes" / "hostile"
HOSTILE_PROFILE = FIXTURES / "profiles" / "hostile.yaml"
ONE_PAGE = FIXTURES / "profiles" / "one_page.yaml"


def _png() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(buffer, format="PNG")
    return buffer.getvalue()


PNG = _png()


# ----------------------------------------------------------------------------- the loopback server


class Server:
    """Counts requests; answers images, stylesheets, text and a redirect."""

    def __init__(self) -> None:
        self.hits: list[str] = []
        hits = self.hits

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                hits.append(self.path)
                if self.path.startswith("/redirect"):
                    self.send_response(302)
                    self.send_header("Location", "/target.png")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                if self.path.endswith(".css"):
                    body, kind = b"body { color: red; }", "text/css"
                elif self.path.endswith((".png", ".ttf")):
                    body, kind = PNG, "image/png"
                else:
                    body, kind = b"secret", "text/plain"
                self.send_response(200)
                self.send_header("Content-Type", kind)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_POST = do_HEAD = do_GET

            def log_message(self, *args) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.timeout = 5
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                       daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


@pytest.fixture(scope="module")
def server():
    srv = Server()
    srv.thread.start()
    try:
        yield srv
    finally:
        srv.httpd.shutdown()
        srv.httpd.server_close()
        srv.thread.join(timeout=5)


@pytest.fixture
def hits(server):
    """The requests the server gets during one test (it must stay empty)."""
    server.hits.clear()
    yield server.hits


def test_the_server_counts_hits(server, hits):
    """The counting works, so zero hits elsewhere means nothing was fetched."""
    import urllib.request

    with urllib.request.urlopen(server.url("/probe.css"), timeout=5) as response:
        assert response.read() == b"body { color: red; }"
    assert hits == ["/probe.css"]


# ----------------------------------------------------------------------------- PDF inspection


def embedded_files(reader) -> list[str]:
    names = list(reader.attachments)
    for page in reader.pages:
        for annot in page.get("/Annots") or []:
            if annot.get_object().get("/Subtype") == "/FileAttachment":
                names.append("annotation")
    return names


def image_xobjects(reader) -> int:
    count, seen = 0, set()

    def walk(resources) -> None:
        nonlocal count
        if resources is None:
            return
        for ref in (resources.get_object().get("/XObject") or {}).values():
            key = getattr(ref, "idnum", id(ref))
            if key in seen:
                continue
            seen.add(key)
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Image":
                count += 1
            elif xobject.get("/Subtype") == "/Form":
                walk(xobject.get("/Resources"))

    for page in reader.pages:
        walk(page.get("/Resources"))
    return count


# ----------------------------------------------------------------------------- the fetcher itself


@pytest.fixture
def roots(tmp_path):
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "style.css").write_text("p { color: red; }", encoding="utf-8")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("secret", encoding="utf-8")
    return theme, outside


def test_serves_files_inside_the_roots(roots):
    theme, _ = roots
    fetcher = RestrictedFetcher([theme])
    response = fetcher.fetch((theme / "style.css").as_uri())
    assert response.read() == b"p { color: red; }"
    assert response.content_type == "text/css"


def test_serves_data_urls():
    fetcher = RestrictedFetcher([])
    payload = base64.b64encode(PNG).decode("ascii")
    assert fetcher.fetch(f"data:image/png;base64,{payload}").read() == PNG
    assert fetcher.fetch("data:text/css,p%20%7B%7D").read() == b"p {}"


def test_malformed_data_url_is_refused_not_a_crash():
    with pytest.raises(FetchRefused, match="malformed"):
        RestrictedFetcher([]).fetch("data:image/png;base64,abc")


def test_malformed_data_url_in_a_theme_exits_2(tmp_path):
    theme = tmp_path / "hostile"
    shutil.copytree(HOSTILE_THEME, theme)
    (theme / "templates" / "attack.html.j2").write_text('<img src="data:image/png;base64,abc" alt="">',
                                                        encoding="utf-8")
    out = tmp_path / "x.pdf"
    result = runner.invoke(app, ["render", str(ONE_PAGE), "--theme-dir", str(theme), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "malformed" in result.output
    assert not out.exists()


@pytest.mark.parametrize("url", [
    "file:///etc/passwd",
    "file://localhost/etc/passwd",
    "file://127.0.0.1/etc/passwd",
    "file:///proc/self/environ",
    "ftp://127.0.0.1/x",
    "gopher://127.0.0.1/x",
    "javascript:alert(1)",
])
def test_refuses_anything_else(url, roots):
    fetcher = RestrictedFetcher(list(roots[:1]))
    with pytest.raises(FetchRefused):
        fetcher.fetch(url)


def test_refuses_dot_dot_out_of_a_root(roots):
    theme, _ = roots
    fetcher = RestrictedFetcher([theme])
    with pytest.raises(FetchRefused, match="outside"):
        fetcher.fetch(theme.as_uri() + "/../outside/secret.txt")
    with pytest.raises(FetchRefused, match="outside"):
        fetcher.fetch(theme.as_uri() + "/%2e%2e/outside/secret.txt")


def test_refuses_a_symlink_out_of_a_root_and_allows_one_within(roots):
    theme, outside = roots
    (theme / "leak.txt").symlink_to(outside / "secret.txt")
    (theme / "alias.css").symlink_to(theme / "style.css")
    (theme / "linked-dir").symlink_to(outside, target_is_directory=True)
    fetcher = RestrictedFetcher([theme])
    with pytest.raises(FetchRefused, match="outside"):
        fetcher.fetch((theme / "leak.txt").as_uri())
    with pytest.raises(FetchRefused, match="outside"):
        fetcher.fetch((theme / "linked-dir" / "secret.txt").as_uri())
    assert fetcher.fetch((theme / "alias.css").as_uri()).read() == b"p { color: red; }"


def test_a_root_that_is_a_symlink_is_resolved(tmp_path, roots):
    theme, _ = roots
    link = tmp_path / "theme-link"
    link.symlink_to(theme, target_is_directory=True)
    fetcher = RestrictedFetcher([link])
    assert fetcher.fetch((link / "style.css").as_uri()).read() == b"p { color: red; }"
    assert fetcher.fetch((theme / "style.css").as_uri()).read() == b"p { color: red; }"


def test_a_sibling_folder_with_a_common_prefix_is_outside(tmp_path):
    (tmp_path / "theme").mkdir()
    (tmp_path / "theme-evil").mkdir()
    (tmp_path / "theme-evil" / "x.css").write_text("", encoding="utf-8")
    with pytest.raises(FetchRefused, match="outside"):
        RestrictedFetcher([tmp_path / "theme"]).fetch((tmp_path / "theme-evil" / "x.css").as_uri())


def test_missing_files_and_folders_are_refused(roots):
    theme, _ = roots
    fetcher = RestrictedFetcher([theme])
    with pytest.raises(FetchRefused, match="not found"):
        fetcher.fetch((theme / "nope.css").as_uri())
    with pytest.raises(FetchRefused):
        fetcher.fetch(theme.as_uri())


def test_size_cap(roots):
    theme, _ = roots
    (theme / "big.bin").write_bytes(b"x" * 2048)
    fetcher = RestrictedFetcher([theme], max_bytes=1024)
    with pytest.raises(FetchRefused, match="larger"):
        fetcher.fetch((theme / "big.bin").as_uri())
    with pytest.raises(FetchRefused, match="too large"):
        fetcher.fetch("data:text/plain;base64," + base64.b64encode(b"x" * 4096).decode("ascii"))


def test_never_touches_the_network_nor_follows_redirects(server, hits):
    fetcher = RestrictedFetcher([])
    for path in ("/x.png", "/redirect", "/style.css"):
        for scheme_url in (server.url(path), server.url(path).replace("http:", "https:"),
                           server.url(path).replace("http://", "HTTP://")):
            with pytest.raises(FetchRefused):
                fetcher.fetch(scheme_url)
    assert hits == []


def test_weasyprint_calls_go_through_the_same_checks(roots, server, hits):
    """WeasyPrint calls the fetcher as a function (``fetcher(url)``), not only ``.fetch``."""
    theme, _ = roots
    fetcher = RestrictedFetcher([theme])
    with pytest.raises(FetchRefused):
        fetcher(server.url("/x.png"))
    with pytest.raises(FetchRefused):
        fetcher("file:///etc/passwd")
    assert hits == []


# ----------------------------------------------------------------------------- hostile themes


def hostile_theme(tmp_path: Path, attack: str, port: int) -> Path:
    """A copy of the hostile fixture theme whose attack.html.j2 is ``attacks/<attack>.html``."""
    theme = tmp_path / "hostile"
    shutil.copytree(HOSTILE_THEME, theme)
    for path in theme.rglob("*"):
        if path.is_file():
            path.write_text(path.read_text(encoding="utf-8").replace("@PORT@", str(port)), encoding="utf-8")
    (theme / "templates" / "attack.html.j2").write_text(
        (theme / "attacks" / f"{attack}.html").read_text(encoding="utf-8"), encoding="utf-8")
    return theme


ATTACKS_REFUSED = [
    "file_url",           # <img src="file:///etc/passwd">
    "dotdot",             # <img src="../../../../etc/passwd"> relative to the theme folder
    "remote_file",        # file://127.0.0.1/etc/passwd
    "link_stylesheet",    # <link rel=stylesheet href=http://...>
    "css_import",         # @import url(http://...)
    "font_face",          # @font-face { src: url(http://...) }
    "css_background",     # background-image: url(http://...)
    "img",                # <img src=http://...>
    "object",             # <object data=http://...>
    "embed",              # <embed src=http://...>
    "attachment_http",    # <a rel=attachment href=http://...>
    "attachment_file",    # <a rel=attachment href=file:///etc/passwd>
    "link_attachment",    # <link rel=attachment href=file:///etc/passwd>
    "attachment_inside",  # rel=attachment to a file the fetcher may read (theme.toml): no attachments at all
    # SVG drawing happens while the PDF is written, and WeasyPrint catches every error
    # there and only logs it: the fetcher remembers its refusals and the render stops.
    "svg_image",          # inline <svg> with <image href=http://...> and file:///etc/passwd
    "svg_file",           # <img src=evil.svg>, whose images and @import reach out
]


@pytest.mark.parametrize("attack", ATTACKS_REFUSED)
def test_hostile_theme_is_refused_with_a_clear_error(attack, tmp_path, server, hits):
    theme = hostile_theme(tmp_path, attack, server.port)
    out = tmp_path / "out" / "resume.pdf"
    result = runner.invoke(app, ["render", str(ONE_PAGE), "--theme-dir", str(theme), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "not allowed" in result.output
    assert "Traceback" not in result.output
    assert hits == []
    assert not out.exists()
    assert not out.parent.exists() or not list(out.parent.iterdir())


def test_hostile_theme_symlink_out_of_its_folder(tmp_path, server, hits):
    theme = hostile_theme(tmp_path, "symlink", server.port)
    outside = tmp_path / "outside.png"
    outside.write_bytes(PNG)
    (theme / "outside.png").symlink_to(outside)
    out = tmp_path / "resume.pdf"
    result = runner.invoke(app, ["render", str(ONE_PAGE), "--theme-dir", str(theme), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "outside the theme and profile folders" in result.output
    assert not out.exists()


def test_a_theme_may_use_its_own_files(tmp_path, server, hits):
    """The same mechanism with an image inside the theme folder works (the fetcher is not just closed)."""
    theme = hostile_theme(tmp_path, "symlink", server.port)
    (theme / "outside.png").write_bytes(PNG)
    out = tmp_path / "resume.pdf"
    result = runner.invoke(app, ["render", str(ONE_PAGE), "--theme-dir", str(theme), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert image_xobjects(pypdf.PdfReader(out)) == 1
    assert hits == []


def test_hostile_theme_html_output_is_written_without_fetching(tmp_path, server, hits):
    """HTML rendering fetches nothing itself (fonts are embedded as data: URLs)."""
    theme = hostile_theme(tmp_path, "img", server.port)
    out = tmp_path / "resume.html"
    result = runner.invoke(app, ["render", str(ONE_PAGE), "--theme-dir", str(theme), "-f", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert hits == []
    assert "@font-face" in out.read_text(encoding="utf-8")
    assert "url(\"file:" not in out.read_text(encoding="utf-8")


# ----------------------------------------------------------------------------- hostile profile


@pytest.fixture
def hostile_profile(tmp_path, server) -> Path:
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE_PROFILE.read_text(encoding="utf-8").replace("@PORT@", str(server.port)),
                    encoding="utf-8")
    return path


def test_hostile_profile_prints_literally_and_fetches_nothing(hostile_profile, tmp_path, hits):
    out = tmp_path / "out"
    result = runner.invoke(app, ["render", str(hostile_profile), "--out-dir", str(out)])
    assert result.exit_code == 0, result.output
    assert hits == []
    reader = pypdf.PdfReader(out / "hostile.pdf")
    text = " ".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    assert "{{ 7*7 }}" in flat
    assert not _evaluated(flat)
    assert "{% raw %}" in flat
    assert "<script>alert(1)</script>" in flat
    assert "<b>bold</b>" in flat
    assert embedded_files(reader) == []
    assert image_xobjects(reader) == 0


def test_hostile_profile_pdftotext(hostile_profile, tmp_path, hits):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (Debian package poppler-utils) is not installed")
    import subprocess

    out = tmp_path / "hostile.pdf"
    assert runner.invoke(app, ["render", str(hostile_profile), "-o", str(out)]).exit_code == 0
    text = " ".join(subprocess.run(["pdftotext", "-enc", "UTF-8", str(out), "-"], capture_output=True,
                                   text=True, check=True).stdout.split())
    assert "Mallory <script>alert(1)</script>" in text
    assert "{{ 7*7 }} and {% raw %}raw{% endraw %}" in text
    assert not _evaluated(text)
    assert hits == []


def test_hostile_profile_html_is_escaped(hostile_profile, tmp_path, hits):
    out = tmp_path / "hostile.html"
    result = runner.invoke(app, ["render", str(hostile_profile), "-f", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    body = html.split("<body", 1)[1]  # the head holds fonts as base64 data
    assert "<script" not in html.lower()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "{{ 7*7 }}" in body
    assert not _evaluated(body), "a template expression in profile text was evaluated"
    assert "<img" not in body and "<object" not in body and "<svg" not in body and "<style" not in body
    assert hits == []


def test_hostile_profile_photo_outside_its_folder_is_refused(tmp_path, server, hits):
    """A profile photo path reaching out of the profile folder never gets read."""
    profile = tmp_path / "profile" / "p.yaml"
    profile.parent.mkdir()
    profile.write_text("basics:\n  name: Pat\n  photo: ../../../../etc/passwd\n", encoding="utf-8")
    out = tmp_path / "p.pdf"
    result = runner.invoke(app, ["render", str(profile), "-o", str(out)])
    assert hits == []
    assert result.exit_code == 2, result.output
    assert "basics.photo: the photo '../../../../etc/passwd' is outside the profile's folder" in result.output
    assert not out.exists()


def test_refusal_opens_no_connection(tmp_path, server, hits, monkeypatch):
    """A refused fetch stops the render at once: no socket is even opened (nothing to wait on)."""
    import socket

    attempts = []

    def no_connection(self, address, *args, **kwargs):
        attempts.append(address)
        raise AssertionError(f"the render tried to connect to {address}")

    monkeypatch.setattr(socket.socket, "connect", no_connection)
    monkeypatch.setattr(socket.socket, "connect_ex", no_connection)
    theme = hostile_theme(tmp_path, "link_stylesheet", server.port)
    result = runner.invoke(app, ["render", str(ONE_PAGE), "--theme-dir", str(theme),
                                 "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert attempts == [] and hits == []


def test_no_proxy_environment_makes_a_difference(tmp_path, server, hits, monkeypatch):
    """Even with proxy variables pointing at the loopback server, nothing is requested."""
    for name in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.setenv(name, server.url(""))
    monkeypatch.delenv("no_proxy", raising=False)
    theme = hostile_theme(tmp_path, "img", server.port)
    result = runner.invoke(app, ["render", str(ONE_PAGE), "--theme-dir", str(theme), "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code == 2
    assert hits == []
    assert os.environ["http_proxy"]


def _evaluated(text: str) -> bool:
    """Whether ``{{ 7*7 }}`` was evaluated: a 49 standing alone (not inside the server's port)."""
    import re

    return re.search(r"(?<![\d:])49(?!\d)", text) is not None


@pytest.mark.parametrize("markup, message", [
    ("<style>.name, p { font-size: 1e9px }</style>", "sizes too large to lay out"),
    ("<style>body { font-size: 1e9px; line-height: 1e9 }</style>", "sizes too large to lay out"),
    ("<style>* { letter-spacing: 1e9px; word-spacing: 1e9px }</style>", "sizes too large to lay out"),
    ("<div>" * 200 + "deep" + "</div>" * 200, "nests elements too deeply"),
    ("<span>" * 2000 + "deep" + "</span>" * 2000, "nests elements too deeply"),
])
def test_hostile_layout_gives_a_clear_error(markup, message, tmp_path):
    """Sizes pango cannot hold and nesting 200 deep: exit 2 with a message, nothing written."""
    theme = tmp_path / "hostile"
    shutil.copytree(HOSTILE_THEME, theme)
    (theme / "templates" / "attack.html.j2").write_text(markup, encoding="utf-8")
    out = tmp_path / "x.pdf"
    result = runner.invoke(app, ["render", str(ONE_PAGE), "--theme-dir", str(theme), "-o", str(out)])
    assert result.exit_code == 2, result.output
    assert "theme 'hostile'" in result.output and message in result.output
    assert "Traceback" not in result.output
    assert not out.exists()


def test_huge_margins_and_widths_render_inertly(tmp_path):
    theme = tmp_path / "hostile"
    shutil.copytree(HOSTILE_THEME, theme)
    (theme / "templates" / "attack.html.j2").write_text(
        "<style>p { margin: 1e9px; padding: 1e9px }</style><div style='width: 1e9px; height: 1e9px'>x</div>",
        encoding="utf-8")
    result = runner.invoke(app, ["render", str(ONE_PAGE), "--theme-dir", str(theme), "-o", str(tmp_path / "x.pdf")])
    assert result.exit_code in (0, 2), result.output
    assert "Traceback" not in result.output


def test_reference_docx_cannot_make_word_fetch_anything(tmp_path):
    """A theme's reference_docx with an external attachedTemplate (Word would download it on
    opening: 'remote template injection') gives a DOCX with no external target but links."""
    import zipfile

    import docx

    base = tmp_path / "base.docx"
    docx.Document().save(base)
    theme = tmp_path / "evil"
    (theme / "templates").mkdir(parents=True)
    (theme / "theme.toml").write_text('name = "evil"\nextends = "classic"\n[docx]\nreference_docx = "ref.docx"\n',
                                      encoding="utf-8")
    with zipfile.ZipFile(base) as source, zipfile.ZipFile(theme / "ref.docx", "w") as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "word/settings.xml":
                data = data.replace(b"<w:zoom", b'<w:attachedTemplate r:id="rIdEvil"/><w:zoom', 1)
            target.writestr(item, data)
        target.writestr("word/_rels/settings.xml.rels", (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.'
            'openxmlformats.org/package/2006/relationships"><Relationship Id="rIdEvil" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/attachedTemplate" '
            'Target="http://127.0.0.1:9/evil.dotm" TargetMode="External"/></Relationships>'))
    out = tmp_path / "cv.docx"
    result = runner.invoke(app, ["render", str(ONE_PAGE), "--theme-dir", str(theme), "-f", "docx", "-o", str(out)])
    assert result.exit_code == 0, result.output
    with zipfile.ZipFile(out) as package:
        for name in package.namelist():
            data = package.read(name)
            assert b"evil.dotm" not in data and b"attachedTemplate" not in data, name
            if name.endswith(".rels") and name != "word/_rels/document.xml.rels":
                assert b'TargetMode="External"' not in data, name
        links = package.read("word/_rels/document.xml.rels")
        assert links.count(b'TargetMode="External"') == links.count(b"/hyperlink\"")

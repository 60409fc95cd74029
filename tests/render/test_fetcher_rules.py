"""The restricted fetcher's rules, one by one, without WeasyPrint rendering anything.

tests/render/test_fetcher.py proves the guarantees end to end (hostile themes, a loopback
server that must see no request); these tests pin each rule of RestrictedFetcher exactly.
"""

from __future__ import annotations

import base64
import os

import pytest
from weasyprint.urls import FatalURLFetchingError

from resume_builder.render.fetcher import MAX_RESOURCE_BYTES, FetchRefused, RestrictedFetcher


@pytest.fixture
def roots(tmp_path):
    theme, profile, outside = tmp_path / "theme", tmp_path / "profile", tmp_path / "outside"
    for folder in (theme, profile, outside):
        folder.mkdir()
    (theme / "style.css").write_text("p { color: red }", encoding="utf-8")
    (theme / "fonts").mkdir()
    (theme / "fonts" / "a.woff2").write_bytes(b"wOF2font")
    (profile / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (profile / "notes.unknownext").write_bytes(b"x")
    (outside / "secret.txt").write_text("secret", encoding="utf-8")
    return theme, profile, outside


def refused(fetcher: RestrictedFetcher, url: str) -> FetchRefused:
    with pytest.raises(FetchRefused) as info:
        fetcher.fetch(url)
    assert isinstance(info.value, FatalURLFetchingError)  # WeasyPrint stops the render on it
    assert info.value.url == url
    assert str(info.value) == f"{info.value.reason}: {url[:200]}"
    return info.value


def test_files_inside_the_roots_are_served_with_their_type(roots):
    theme, profile, _ = roots
    fetcher = RestrictedFetcher([theme, profile])
    css = fetcher.fetch((theme / "style.css").as_uri())
    assert (css.url, css.read(), css.headers["Content-Type"]) == ((theme / "style.css").as_uri(),
                                                                  b"p { color: red }", "text/css")
    png = fetcher.fetch((profile / "photo.png").as_uri())
    assert png.headers["Content-Type"] == "image/png"
    font = fetcher.fetch((theme / "fonts" / "a.woff2").as_uri())  # below a root, at any depth
    assert font.read() == b"wOF2font"
    other = fetcher.fetch((profile / "notes.unknownext").as_uri())
    assert other.headers["Content-Type"] == "application/octet-stream"
    assert fetcher.served == [str(theme / "style.css"), str(profile / "photo.png"),
                              str(theme / "fonts" / "a.woff2"), str(profile / "notes.unknownext")]


def test_file_urls_on_localhost_and_with_escapes_are_local_files(roots):
    theme, _, _ = roots
    (theme / "a b.css").write_text("x", encoding="utf-8")
    fetcher = RestrictedFetcher([theme])
    assert fetcher.fetch(f"file://localhost{theme}/style.css").read() == b"p { color: red }"
    assert fetcher.fetch(f"file://{theme}/a%20b.css").read() == b"x"
    assert fetcher.fetch(f"FILE://{theme}/style.css").read() == b"p { color: red }"


def test_a_root_itself_is_not_a_file(roots):
    theme, _, _ = roots
    assert refused(RestrictedFetcher([theme]), theme.as_uri()).reason == "file not found"


@pytest.mark.parametrize("make_url", [
    lambda theme, outside: (outside / "secret.txt").as_uri(),
    lambda theme, outside: f"file://{theme}/../outside/secret.txt",
    lambda theme, outside: "file:///etc/passwd",
    lambda theme, outside: f"file://{theme}2/style.css",  # a sibling whose name starts alike
])
def test_files_outside_the_roots_are_refused(roots, make_url):
    theme, _, outside = roots
    (theme.parent / "theme2").mkdir()
    (theme.parent / "theme2" / "style.css").write_text("x", encoding="utf-8")
    error = refused(RestrictedFetcher([theme]), make_url(theme, outside))
    assert error.reason == "file is outside the theme and profile folders"


def test_a_symlink_out_of_a_root_is_refused_and_a_symlinked_root_works(roots, tmp_path):
    theme, _, outside = roots
    os.symlink(outside / "secret.txt", theme / "link.txt")
    assert refused(RestrictedFetcher([theme]), (theme / "link.txt").as_uri()).reason == \
        "file is outside the theme and profile folders"
    os.symlink(theme, tmp_path / "theme-link")
    fetcher = RestrictedFetcher([tmp_path / "theme-link"])  # roots are resolved too
    assert fetcher.fetch((theme / "style.css").as_uri()).read() == b"p { color: red }"


def test_missing_files_and_remote_file_urls_are_refused(roots):
    theme, _, _ = roots
    fetcher = RestrictedFetcher([theme])
    assert refused(fetcher, (theme / "nope.css").as_uri()).reason == "file not found"
    assert refused(fetcher, f"file://server.example{theme}/style.css").reason == "remote file URLs are not allowed"


@pytest.mark.parametrize("url", ["http://127.0.0.1/x.css", "https://example.com/font.woff2", "ftp://example.com/x",
                                 "//example.com/x.css", "x.css", "javascript:alert(1)"])
def test_every_other_scheme_is_refused_without_a_request(url, roots):
    error = refused(RestrictedFetcher([roots[0]]), url)
    assert error.reason == "only local files of the theme and profile may be used, not"


def test_size_caps(roots):
    theme, _, _ = roots
    (theme / "big.bin").write_bytes(b"x" * (2 * 1024 * 1024 + 1))
    (theme / "edge.bin").write_bytes(b"x" * (2 * 1024 * 1024))
    fetcher = RestrictedFetcher([theme], max_bytes=2 * 1024 * 1024)
    assert refused(fetcher, (theme / "big.bin").as_uri()).reason == "file is larger than 2 MiB"
    assert len(fetcher.fetch((theme / "edge.bin").as_uri()).read()) == 2 * 1024 * 1024
    assert RestrictedFetcher([theme]).max_bytes == MAX_RESOURCE_BYTES == 20 * 1024 * 1024


def test_data_urls(roots):
    fetcher = RestrictedFetcher([roots[0]])
    encoded = base64.b64encode(b"\x00\x01binary").decode()
    response = fetcher.fetch(f"data:image/png;base64,{encoded}")
    assert (response.read(), response.headers["Content-Type"]) == (b"\x00\x01binary", "image/png")
    plain = fetcher.fetch("data:,a%20b")
    assert (plain.read(), plain.headers["Content-Type"]) == (b"a b", "text/plain")
    typed = fetcher.fetch("data:text/css;charset=utf-8,p%7Bcolor:red%7D")
    assert (typed.read(), typed.headers["Content-Type"]) == (b"p{color:red}", "text/css")
    untyped = fetcher.fetch("data:;base64," + base64.b64encode(b"hi").decode())
    assert (untyped.read(), untyped.headers["Content-Type"]) == (b"hi", "text/plain")
    assert fetcher.served == ["data:"] * 4
    assert fetcher.fetch("DATA:,x").read() == b"x"
    commas = fetcher.fetch("data:text/csv,a,b,c")  # the payload starts after the first comma
    assert (commas.read(), commas.headers["Content-Type"]) == (b"a,b,c", "text/csv")


def test_data_url_caps_and_bad_base64(roots):
    fetcher = RestrictedFetcher([roots[0]], max_bytes=300)
    limit = 300 * 4 // 3 + 4
    assert fetcher.fetch("data:," + "a" * limit).read() == b"a" * limit
    assert refused(fetcher, "data:," + "a" * (limit + 1)).reason == "data: URL is too large"
    assert refused(fetcher, "data:image/png;base64,abc").reason == "malformed base64 in data: URL"


def test_base64_with_line_breaks_is_read_as_browsers_do(roots):
    fetcher = RestrictedFetcher([roots[0]])
    response = fetcher.fetch("data:text/plain;base64,aGVs%0AbG8=")
    assert (response.url, response.read()) == ("data:text/plain;base64,aGVs%0AbG8=", b"hello")


def test_the_fetcher_allows_only_files_and_data_follows_no_redirects_and_fails_on_errors(roots):
    """The settings handed to WeasyPrint's URLFetcher (weasyprint/urls.py, version 68 and later)."""
    import urllib.request

    fetcher = RestrictedFetcher([roots[0]])
    assert fetcher.roots == [roots[0].resolve()]
    assert fetcher._allowed_protocols == ("file", "data")
    assert fetcher._fail_on_errors is True
    assert not [h for h in fetcher.handlers if isinstance(h, urllib.request.HTTPRedirectHandler)]

"""URLs in the PDF's text break only after a "/": never a bare "https://" at a line's end.

The bullets put one URL at every position along a line (a growing run of filler before
it), so wherever the line breaker meets it, the layout is exercised: the extracted lines
(pdftotext-like order, via pdfminer) show where each URL was broken.
"""

from __future__ import annotations

import json
import re

import pytest

from resume_builder.pipeline import prepare, render
from resume_builder.render.wrapping import WJ, ZWSP, break_long_runs, url_breaks

URL = "https://engineering-platform.example.org/runbooks/database-failover/primary-clusters"
WWW = "www.harbour-lights.example.com/about-the-team"


def _profile(tmp_path):
    bullets = [("word " * (12 + n // 8)) + "w" * (n % 8) + f" {URL} and {WWW} are linked." for n in range(0, 96, 3)]
    path = tmp_path / "urls.json"
    path.write_text(json.dumps({"basics": {"name": "Sam Sample"},
                                "experience": [{"company": "Acme", "position": "Engineer", "start": "2020-01",
                                                "highlights": bullets}]}), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def lines(tmp_path_factory):
    from pdfminer.high_level import extract_text

    tmp_path = tmp_path_factory.mktemp("urls")
    job = prepare(_profile(tmp_path), theme_name="classic")
    (pdf,) = render(job, "pdf", tmp_path / "urls.pdf")
    target = tmp_path / "urls.pdf"
    target.write_bytes(pdf.data)
    text = extract_text(str(target))
    assert WJ not in text and ZWSP not in text  # the joiners never reach the text layer
    return [line for line in text.splitlines() if line.strip()]


def test_no_line_ends_with_a_bare_scheme_or_inside_a_url_at_a_hyphen(lines):
    for line in lines:
        assert not re.search(r"https?://$", line), line
        for fragment in (URL, WWW):
            for cut in range(1, len(fragment)):
                if fragment[cut - 1] == "-" and line.endswith(" " + fragment[:cut]):
                    pytest.fail(f"a URL broken after a hyphen: {line!r}")


def test_urls_broken_across_lines_break_after_a_slash_and_read_back_whole(lines):
    broken = 0
    for first, second in zip(lines, lines[1:]):
        for fragment in (URL, WWW):
            for cut in range(1, len(fragment)):
                if first.endswith(" " + fragment[:cut]) and second.startswith(fragment[cut:]):
                    broken += 1
                    assert fragment[cut - 1] == "/", (first, second)
    assert broken >= 3  # the layout did break some URLs, each after a slash
    assert sum(line.count(URL) for line in lines) + broken >= 32  # every URL is there, whole or broken at a "/"


def test_url_breaks_rules():
    assert url_breaks("see https://a-b.example/x-y, then") == f"see https://{WJ}a-{WJ}b.example/x-{WJ}y, then"
    assert url_breaks("(www.my-site.example.com).") == f"(www.my-{WJ}site.example.com)."
    assert url_breaks("a well-known term") == "a well-known term"
    long_segment = "https://example.org/" + "p" * 150
    broken = break_long_runs(long_segment)
    assert broken.replace(ZWSP, "").replace(WJ, "") == long_segment
    assert min(len(piece) for piece in broken.split(ZWSP)[:-1]) >= 60  # a long URL segment is cut rarely

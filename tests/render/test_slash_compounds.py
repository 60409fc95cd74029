"""Short slash compounds ("CI/CD", "TCP/IP", "I/O") are never broken at their slash in a PDF.

Pango breaks after a "/" before a letter (UAX #14), which left "TCP/" at a line's end. The
bullets put the compounds at every position along a line (a growing run of filler before
them), so wherever the line breaker meets one, the layout is exercised; the extracted lines
(pdfminer) show where lines were broken.
"""

from __future__ import annotations

import json

import pytest

from resume_builder.pipeline import prepare, render
from resume_builder.render.wrapping import WJ, ZWSP, break_long_runs, compound_breaks

COMPOUNDS = ("CI/CD", "TCP/IP", "I/O", "and/or", "C#/.NET", "UI/UX")
PATH = "services/billing/invoices/exporters/pdf/templates"  # long: may break at its slashes


@pytest.fixture(scope="module")
def lines(tmp_path_factory):
    from pdfminer.high_level import extract_text

    tmp_path = tmp_path_factory.mktemp("slashes")
    bullets = [("word " * (10 + n // 8)) + "w" * (n % 8) + " " + " ".join(COMPOUNDS) + f" in {PATH} too."
               for n in range(0, 96, 3)]
    profile = tmp_path / "slashes.json"
    profile.write_text(json.dumps({"basics": {"name": "Sam Sample"},
                                   "experience": [{"company": "Acme", "position": "Engineer", "start": "2020-01",
                                                   "highlights": bullets}]}), encoding="utf-8")
    (pdf,) = render(prepare(profile, theme_name="classic"), "pdf", tmp_path / "slashes.pdf")
    (tmp_path / "slashes.pdf").write_bytes(pdf.data)
    text = extract_text(str(tmp_path / "slashes.pdf"))
    assert WJ not in text and ZWSP not in text  # the joiners never reach the text layer
    return [line.strip() for line in text.splitlines() if line.strip()]


def test_no_line_ends_inside_a_short_compound(lines):
    for first, second in zip(lines, lines[1:]):
        for compound in COMPOUNDS:
            head, _, tail = compound.partition("/")
            assert not (first.endswith(" " + head + "/") and second.startswith(tail)), (first, second)
    # every compound of every bullet reads back whole
    assert sum(line.count("CI/CD TCP/IP") + line.count("TCP/IP I/O") for line in lines) >= 32


def test_a_long_path_still_breaks_at_its_slashes(lines):
    text = "\n".join(lines)
    assert text.count(PATH) < 32  # some were broken across lines...
    whole_or_broken = sum(1 for first, second in zip(lines, lines[1:])
                          for cut in range(1, len(PATH))
                          if PATH[cut - 1] == "/" and first.endswith(PATH[:cut]) and second.startswith(PATH[cut:]))
    assert text.count(PATH) + whole_or_broken == 32  # ...each at a slash, and every one is there


def test_compound_rules():
    assert compound_breaks("CI/CD and I/O") == f"CI/{WJ}CD and I/{WJ}O"
    assert compound_breaks("C#/.NET, C++/Rust.") == f"C#/{WJ}.NET, C++/{WJ}Rust."
    assert compound_breaks(PATH) == PATH  # longer than a compound
    assert compound_breaks("a /usr/bin path") == "a /usr/bin path"  # a path from the root
    assert compound_breaks("Kubernetes/Observability") == "Kubernetes/Observability"  # a part over 12
    assert break_long_runs("UI/UX at https://a.example/b/c") == f"UI/{WJ}UX at https://{WJ}a.example/b/c"

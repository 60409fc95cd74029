"""The letter of a public copy shows no private value (issue 19).

``letter --public``, ``bundle --public`` and a public variant's letter: the placeholders
``{basics.email}`` and ``{basics.phone}`` print what the public résumé prints instead (the
contact URL, "(withheld)"), private values the letter writes itself are masked, and the
signature image is left out. The search is the public-copy proof's
(tests/tailoring/test_public_proof.py): every part of every format, decoded every way; the
same search finds the secrets in the full letter, so the detector works.
"""

from __future__ import annotations

import base64
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from tests.conftest import FIXTURES
from tests.tailoring.test_public_proof import PHONES, _found

runner = CliRunner()
SOURCE = FIXTURES / "public" / "private.yaml"
LETTER = """
letters:
  note:
    recipient: {name: Dana Hire, company: Globex}
    position: Platform Engineer
    body:
      - I am applying for the {position} role at {company}.
      - Write to {basics.email} or call {basics.phone}.
      - My home is Flat 3, Quillfeather House, 17 Marrowbone Lane, QX1 7ZZ; [mail me](mailto:robin.hushmail@example.org) or ring 020 7946 0958.
    signature: {name: Robin Quire, image: robin-face.png}
"""
FORMATS = ("pdf", "docx", "html", "md", "txt")


@pytest.fixture
def folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    shutil.copy(FIXTURES / "public" / "robin-face.png", tmp_path / "robin-face.png")
    (tmp_path / "private.yaml").write_text(SOURCE.read_text(encoding="utf-8") + LETTER, encoding="utf-8")
    return tmp_path


def _basics() -> dict:
    from resume_builder.loading import load_profile

    return load_profile(SOURCE).profile.basics.model_dump(mode="json")


def _letter(*args: str) -> dict[str, list[bytes]]:
    result = runner.invoke(app, ["letter", "private.yaml", *[a for f in FORMATS for a in ("-f", f)],
                                 "--out-dir", "out", *args])
    assert result.exit_code == 0, result.output
    written: dict[str, list[bytes]] = {}
    for path in sorted(Path("out").iterdir()):
        written.setdefault(path.suffix.lstrip("."), []).append(path.read_bytes())
    shutil.rmtree("out")
    return written


def _secrets_in(written: dict[str, list[bytes]]) -> set[str]:
    return set().union(*(_found(fmt, outputs) for fmt, outputs in written.items()))


def test_the_full_letter_shows_the_secrets_so_the_search_works(folder):
    found = _secrets_in(_letter())
    assert {"Marrowbone Lane", "QX1 7ZZ", "Quillfeather", "robin.hushmail"} <= found
    assert {p.pattern for p in PHONES[:1]} <= found


@pytest.mark.parametrize("args", [("--public",), ("--variant", "web")], ids=["--public", "public-variant"])
def test_no_private_value_in_any_format_of_the_public_letter(folder, args):
    written = _letter(*args)
    assert set(written) == set(FORMATS)
    assert _secrets_in(written) == set()
    text = written["txt"][0].decode("utf-8")
    basics = _basics()
    # {basics.email}: the contact URL the public résumé lists instead; {basics.phone}: withheld
    assert f"Write to {basics['contact_url']} or call (withheld)." in text
    assert "(withheld)" in text and "mail me" in text  # the link's text stays, its mailto: goes
    # the signature image is left out; the name stays
    image = base64.b64encode((folder / "robin-face.png").read_bytes()).decode("ascii")[:200]
    assert image not in written["html"][0].decode("utf-8")
    assert text.rstrip().endswith("Robin Quire")


def test_letter_public_is_written_beside_the_full_one(folder):
    result = runner.invoke(app, ["letter", "private.yaml", "-f", "txt", "--public", "--out-dir", "out"])
    assert result.exit_code == 0, result.output
    assert [p.name for p in Path("out").iterdir()] == ["private-public-letter-note.txt"]


def test_bundle_public_holds_no_private_value(folder):
    result = runner.invoke(app, ["bundle", "private.yaml", "--public", "--out-dir", "out"])
    assert result.exit_code == 0, result.output
    (bundle,) = Path("out").iterdir()
    assert bundle.name == "private-public-application"
    written: dict[str, list[bytes]] = {}
    for path in bundle.iterdir():
        written.setdefault(path.suffix.lstrip("."), []).append(path.read_bytes())
    assert {"pdf", "docx", "txt", "json"} <= set(written)
    assert _secrets_in(written) == set()
    report = json.loads((bundle / "application.json").read_text(encoding="utf-8"))
    assert report["applicant"] == _basics()["name"]

"""Numbers joined by hyphens in right-to-left documents: a phone number ``054-555-0123``.

Before (trial): only a digits-only run holding a space or starting with ``+`` was isolated.
After an Arabic letter, UAX #9 rule W2 makes digits Arabic numbers (AN), which a hyphen (ES)
does not join (rule W4 joins European numbers only), and the DOCX writes a phone's hyphens as
``w:noBreakHyphen`` (U+2011, class ON), which joins no numbers in any script: the number
showed as ``0123-555-054`` in every Hebrew and Arabic DOCX contact line (LibreOffice) and in
an Arabic letter's body (``{basics.phone}``) in the PDF and the DOCX. A date range with an en
dash keeps the script's own order, and a number with only common separators (``10,000``,
``3.12``, ``1/2/2020``) is left alone: W4 keeps those in one number in either script.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from resume_builder.bidi import CONTROLS, LRI, LRM, PDI, isolate_ltr
from resume_builder.cli import app
from tests.render.drawn_text import drawn_pdf_lines

# About the order of what is drawn, not fonts: font subsetting is stood in for (tests/font_stand_ins.py).
pytestmark = pytest.mark.usefixtures("cheap_font_subsetting")

runner = CliRunner()
PHONE = "054-555-0123"
NO_BREAK = PHONE.replace("-", "\u2011")  # the DOCX's w:noBreakHyphen, as LibreOffice reads it

PROFILE = """\
lang: {lang}
basics:
  name: {name}
  email: noa@example.com
  phone: "054-555-0123"
  location: {{country_code: IL}}
letters:
  job:
    recipient: {{company: {company}}}
    body: ["{body} {{basics.phone}}."]
"""
TEXTS = {"he": {"name": "נועה לוי", "company": "חברת דוגמה", "body": "ניתן להשיג אותי ב-"},
         "ar": {"name": "نوعا ليفي", "company": "شركة المثال", "body": "يمكن التواصل معي على"}}


def mark(text: str) -> str:
    return isolate_ltr(text, start="[", end="]")


def test_numbers_joined_by_hyphens_are_one_left_to_right_run():
    assert mark(f"يمكن التواصل معي على {PHONE} أو") == f"يمكن التواصل معي على [{PHONE}] أو"
    assert mark(f"טלפון {PHONE}") == f"טלפון [{PHONE}]"
    assert mark(NO_BREAK) == f"[{NO_BREAK}]"  # the DOCX's no-break hyphens
    assert mark("שלוחה 03-1234567") == "שלוחה [03-1234567]"
    # a dash is not a hyphen: a date range keeps the script's order
    assert mark("2013 – 2017") == "2013 – 2017" and mark("2013–2017") == "2013–2017"
    # common separators (CS) stay inside one number in either script (UAX #9 rule W4)
    for number in ("10,000", "3.12", "1/2/2020", "40%", "(2019)"):
        assert mark(f"عميل {number} عميل") == f"عميل {number} عميل", number


def _render(tmp_path: Path, lang: str) -> dict[str, bytes]:
    (tmp_path / "p.yaml").write_text(PROFILE.format(lang=lang, **TEXTS[lang]), encoding="utf-8")
    out = tmp_path / "out"
    formats = ["-f", "pdf", "-f", "docx", "-f", "txt", "-f", "html", "-f", "md"]
    for command in (["render", "--no-server"], ["letter"]):
        result = runner.invoke(app, [command[0], str(tmp_path / "p.yaml"), *formats, "--out-dir", str(out),
                                     *command[1:]])
        assert result.exit_code == 0, result.output
    return {p.name.replace("p-letter-job", "letter").replace("p.", "resume."): p.read_bytes()
            for p in out.iterdir()}


def _drawn_docx_paragraphs(data: bytes) -> list[str]:
    """Each paragraph of the DOCX laid out right to left by the bidi algorithm alone, as
    LibreOffice does (python-bidi here), a ``w:noBreakHyphen`` read as U+2011."""
    from bidi import get_display
    from lxml import etree

    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    root = etree.fromstring(zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml"))
    paragraphs = ["".join(e.text or "" if e.tag == f"{w}t" else "\u2011" for e in p.iter(f"{w}t", f"{w}noBreakHyphen"))
                  for p in root.iter(f"{w}p")]
    return ["".join(c for c in get_display(p, base_dir="R") if c not in CONTROLS) for p in paragraphs]


@pytest.mark.parametrize("lang", ["he", "ar"])
def test_a_hyphenated_phone_reads_as_typed_in_every_format(lang, tmp_path):
    files = _render(tmp_path, lang)
    for name, lines in (("resume", 1), ("letter", 2)):  # the letter: its contact line and its body
        for fmt in ("txt", "html", "md"):
            text = files[f"{name}.{fmt}"].decode("utf-8")
            assert text.count(f"{LRI}{PHONE}{PDI}") >= lines, (name, fmt)
        pdf = [line for line in drawn_pdf_lines(files[f"{name}.pdf"]) if "555" in line]
        assert len(pdf) == lines and all(PHONE in line for line in pdf), (name, pdf)
        docx = [p.replace("\u2011", "-") for p in _drawn_docx_paragraphs(files[f"{name}.docx"]) if "555" in p]
        assert len(docx) == lines and all(PHONE in p for p in docx), (name, docx)
    xml = zipfile.ZipFile(io.BytesIO(files["letter.docx"])).read("word/document.xml").decode("utf-8")
    assert f"<w:t>{LRM}054</w:t><w:noBreakHyphen/>" in xml  # the contact's run, fenced by marks
    assert f"<w:t>{LRM}{PHONE}{LRM}</w:t>" in xml  # the body's run

"""Bidi marks typed in profile and letter text are kept; embedding controls are left out, said.

Before (trial): a LEFT-TO-RIGHT MARK typed before a minus sign in Hebrew text (``(‎-74%)``,
the standard way to keep the sign on the number's left) was silently removed in every
format, so the PDF showed ``74%-``; RIGHT-TO-LEFT MARK and ARABIC LETTER MARK went the same
way. Marks are strong characters with no state and are kept. The controls that open or close
an embedding, an override or an isolate (U+202A-U+202E, U+2066-U+2069: "Trojan source") are
still left out, now with a warning at their line and column, in ``validate`` and ``render``.
"""

from __future__ import annotations

import re
import zipfile

import pytest
from typer.testing import CliRunner

from resume_builder.cli import app
from tests.render.drawn_text import drawn_pdf_lines

# About what documents say and the order it is drawn in, not fonts (tests/font_stand_ins.py).
pytestmark = pytest.mark.usefixtures("cheap_font_subsetting")

runner = CliRunner()
LRM, RLM, ALM = "\u200e", "\u200f", "\u061c"

PROFILE = f"""\
lang: he
basics:
  name: נועה לוי
  email: noa@example.com
summary: "מומחית ב-Python,{RLM} PostgreSQL ו-Go; נתון{ALM} 5."
experience:
  - company: כרמל מערכות
    position: ראש צוות
    start: 2022-03
    highlights: ["זמן התגובה ירד (‎-74%) בכל השירותים."]
letters:
  job:
    recipient: {{company: חברת דוגמה}}
    body: ["זמן תגובה ‎-74% בכל השירותים."]
"""


def _run(args: list[str]):
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return result


def test_marks_typed_in_profile_and_letter_text_reach_every_format(tmp_path):
    (tmp_path / "p.yaml").write_text(PROFILE, encoding="utf-8")
    out = tmp_path / "out"
    formats = ["-f", "pdf", "-f", "docx", "-f", "txt", "-f", "html", "-f", "md"]
    result = _run(["render", str(tmp_path / "p.yaml"), *formats, "--out-dir", str(out), "--no-server", "--check"])
    assert "left out" not in result.output  # nothing is dropped, so nothing is said
    _run(["letter", str(tmp_path / "p.yaml"), *formats, "--out-dir", str(out), "--check"])
    for stem in ("p", "p-letter-job"):
        for fmt in ("txt", "html", "md"):
            text = (out / f"{stem}.{fmt}").read_text(encoding="utf-8")
            assert f"{LRM}-74%" in text, (stem, fmt)
        xml = zipfile.ZipFile(out / f"{stem}.docx").read("word/document.xml").decode("utf-8")
        assert f"{LRM}-74%" in xml, stem
        # as drawn: the minus sign on the number's left, as typed (before: "74%-")
        drawn = [line for line in drawn_pdf_lines((out / f"{stem}.pdf").read_bytes()) if "74%" in line]
        assert drawn and all("-74%" in line and "74%-" not in line for line in drawn), (stem, drawn)
    text = (out / "p.txt").read_text(encoding="utf-8")
    assert f",{RLM} " in text and f"נתון{ALM} 5" in text


def test_embedding_controls_are_left_out_with_a_warning_where_they_are(tmp_path):
    profile = tmp_path / "p.yaml"
    profile.write_text(PROFILE.replace("ראש צוות", "ראש \u202eצוות\u202c") + "custom:\n  - id: c\n    title: x"
                       "\u2067y\u2069\n    items: [a]\n", encoding="utf-8")
    said = " ".join(_run(["validate", str(profile)]).output.split())
    assert re.search(r"p\.yaml:8:\d+: experience\[0\]\.position: the bidi control U\+202E RIGHT-TO-LEFT OVERRIDE "
                     r"\(at character 5\) \(and 1 more\) is left out", said), said
    assert re.search(r"p\.yaml:17:\d+: custom\[0\]\.title: the bidi control U\+2067 RIGHT-TO-LEFT ISOLATE", said), said
    assert "type a mark instead (U+200E LEFT-TO-RIGHT MARK" in said
    assert "summary" not in said and "highlights" not in said  # marks are never reported
    out = tmp_path / "out"
    result = _run(["render", str(profile), "-f", "txt", "--out-dir", str(out), "--no-server"])
    assert "U+202E RIGHT-TO-LEFT OVERRIDE" in result.output
    text = (out / "p.txt").read_text(encoding="utf-8")
    # the LRI … PDI around "XY" are the renderer's own (the heading is upper case)
    assert "ראש צוות" in text and "\u2066XY\u2069" in text and not re.search("[\u202a-\u202e\u2067]", text)


def test_a_letter_file_and_a_variant_file_say_theirs_too(tmp_path):
    (tmp_path / "p.yaml").write_text(PROFILE, encoding="utf-8")
    (tmp_path / "job.yaml").write_text("profile: p.yaml\nrecipient: {company: x}\nbody: [\"a \u202db\"]\n",
                                       encoding="utf-8")
    (tmp_path / "short.yaml").write_text("profile: p.yaml\noverrides:\n  basics.headline: \"a\u202ab\"\n", encoding="utf-8")
    letter = " ".join(_run(["letter", "-L", str(tmp_path / "job.yaml"), "-f", "txt", "--out-dir",
                            str(tmp_path / "out")]).output.split())
    assert re.search(r"job\.yaml:3:\d+: body\[0\]: the bidi control U\+202D LEFT-TO-RIGHT OVERRIDE", letter), letter
    variant = " ".join(_run(["render", str(tmp_path / "p.yaml"), "-V", str(tmp_path / "short.yaml"), "-f", "txt",
                             "--out-dir", str(tmp_path / "out"), "--no-server"]).output.split())
    assert re.search(r"short\.yaml:3:\d+: overrides\.basics\.headline: the bidi control U\+202A LEFT-TO-RIGHT EMBEDDING", variant), variant

"""Right-to-left words on a left-to-right page (an Arabic name, a Hebrew company in an English
résumé) are drawn reversed, as on a right-to-left page; `check` and `import` read them back
in reading order (newcomer trial: the name read 'نسح لىيل' and was reported missing)."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from resume_builder.bidi import visual_to_logical_ltr
from resume_builder.cli import app
from resume_builder.importing.document.build import import_document

runner = CliRunner()
NAME, COMPANY = "ليلى حسن", "אלביט מערכות"


def test_a_drawn_line_is_read_back_in_reading_order():
    drawn = list("Name: ") + list(reversed(NAME))
    assert visual_to_logical_ltr(drawn) == "Name: " + NAME
    assert visual_to_logical_ltr(list("Plain text, 2024")) == "Plain text, 2024"
    # a ligature glyph stands for several characters in reading order: kept whole
    assert visual_to_logical_ltr(["x ", "ب", "لا", "ق"]) == "x قلاب"


def test_check_and_import_read_the_words_as_written(tmp_path):
    profile = tmp_path / "cv.yaml"
    profile.write_text(f'basics:\n  name: "{NAME}"\n  email: a@example.com\nexperience:\n'
                       f'  - company: "{COMPANY}"\n    position: Engineer\n    start: 2020-01\n', encoding="utf-8")
    pdf = tmp_path / "cv.pdf"
    assert runner.invoke(app, ["render", str(profile), "-o", str(pdf)]).exit_code == 0
    result = runner.invoke(app, ["check", str(pdf), "--profile", str(profile), "--json"])
    assert result.exit_code == 0, result.output
    checks = {item["name"]: item for item in json.loads(result.output)["checks"]}
    assert checks["name"]["passed"] and checks["entries"]["passed"], checks
    imported = import_document(pdf).data
    assert imported["basics"]["name"] == NAME
    assert [job["company"] for job in imported["experience"]] == [COMPANY]

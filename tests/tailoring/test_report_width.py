"""`tailor`'s text report reads at 80 and 60 columns (piped output, a CI log): long entry labels
(a certification's full name, a long id) are cut with "…", a keyword list breaks only between
keywords, and the highlight text takes the rest. A user trial saw "Apa/che/Fli/nk" and
"Acces/sibil/ity", three to five letters a line, beside certification names at full length."""

from __future__ import annotations

import re

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from resume_builder.commands.tailor import _label_width, render_report
from resume_builder.loading import load_profile
from resume_builder.pipeline import builtin_vocabulary
from resume_builder.tailoring.keywords import posting_from_text
from resume_builder.tailoring.matching import match
from tests.commands.test_tailor import APP

PROFILE = """\
basics:
  name: Agnieszka Wróblewska
  email: agnieszka.wroblewska@example.com
experience:
  - id: streaming-platform-at-a-very-large-international-retail-company
    company: Very Large International Retail Company
    position: Senior Data Engineer
    start: 2021-03
    highlights:
      - Built Apache Flink and Apache Kafka streaming pipelines processing billions of events a day
      - Improved Accessibility of the internal dashboards, written in TypeScript with Infrastructure as Code
certifications:
  - {name: Confluent Certified Developer for Apache Kafka (CCDAK), issuer: Confluent, date: 2022-01}
  - {name: Google Cloud Professional Data Engineer Certification with Apache Flink, issuer: Google, date: 2020-05}
skills:
  - name: Streaming and Platform Engineering Tools
    keywords: [Apache Flink, Apache Kafka, Apache Spark, Kubernetes, PostgreSQL, Accessibility, TypeScript,
               Infrastructure as Code, Continuous Integration and Delivery, Event Sourcing with Apache Kafka]
"""
POSTING = """\
Senior Data Engineer

Requirements
- Apache Flink, Apache Kafka, Apache Spark and Kubernetes
- PostgreSQL, TypeScript, Accessibility, Infrastructure as Code
- Continuous Integration and Delivery, Event Sourcing with Apache Kafka
- Google Cloud
"""


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    path = tmp_path_factory.mktemp("width") / "long.yaml"
    path.write_text(PROFILE, encoding="utf-8")
    return match(load_profile(path).profile, posting_from_text(POSTING, "job.txt"), builtin_vocabulary(),
                 profile_name="long.yaml")


def _column(text: str, title: str, header: str) -> list[list[str]]:
    """Each row's lines of the last column (``header``) of the table titled ``title``."""
    lines = text.splitlines()
    start = lines.index(title)
    head = next(i for i in range(start, len(lines)) if re.search(rf"\b{header}\s*$", lines[i]))
    offset = lines[head].index(header)
    rows: list[list[str]] = []
    for line in lines[head + 2:]:
        if not line.strip():
            break
        if re.match(r"^\s*\d+\s", line):  # the # column starts a row
            rows.append([])
        rows[-1].append(line[offset:].strip())
    return rows


@pytest.mark.parametrize("width", [80, 60])
def test_every_line_fits(report, width):
    text = render_report(report, width=width)
    assert all(cell_len(line) <= width for line in text.splitlines()), text


@pytest.mark.parametrize("width", [80, 60])
def test_keywords_are_never_split_across_lines(report, width):
    text = render_report(report, width=width)
    names = {name for entry in report.entries for name in entry.keywords}
    assert {"Continuous Integration and Delivery", "Infrastructure as Code"} <= names
    rows = _column(text, "Most relevant entries", "Keywords")
    assert rows and any(len(row) > 1 for row in rows)  # lists do wrap, and each line holds whole keywords
    cut = 0
    for row, entry in zip(rows, report.entries):
        shown = [(piece, line) for line in row for piece in re.split(r",(?: |$)", line) if piece]
        assert len(shown) == len(entry.keywords), (row, entry.keywords)
        for (piece, line), name in zip(shown, entry.keywords):
            if piece != name:  # only a keyword wider than the whole column is cut, on a line of its own
                assert piece.endswith("…") and name.startswith(piece[:-1]) and line.rstrip(",") == piece, row
                cut += 1
    assert cut == 0 if width == 80 else cut <= 2  # at 60, 'Continuous Integration and Delivery' is wider


@pytest.mark.parametrize("width", [80, 60])
def test_entry_labels_are_cut_and_the_highlight_text_takes_the_rest(report, width):
    text = render_report(report, width=width)
    label = _label_width(width)
    entries = text[text.index("Most relevant entries"):text.index("Most relevant highlights")]
    assert "certifications/Confluent Certified Developer for Apache Kafka (CCDAK)" not in entries
    assert re.search(r"certifications/Conf[^\n ]*…", entries)
    rows = _column(text, "Most relevant highlights", "Highlight")
    assert len(rows) == len(report.highlights)
    for row, item in zip(rows, report.highlights):
        shown = item.text if len(item.text) <= 90 else item.text[:89].rstrip() + "…"
        assert " ".join(row) == shown  # wrapped between words only: no word is folded
    highlights = text[text.index("Most relevant highlights"):].splitlines()
    header = next(line for line in highlights if line.rstrip().endswith("Highlight"))
    # Before the highlight only the label, "#", "Score" and the table's frame: the edge, "#",
    # three gaps of three cells and "Score" (1 + 1 + 3 + 3 + 5 + 3).
    assert header.index("Highlight") <= label + 16
    assert all(f"highlights[{i}]" in text for i in (0, 1))  # the field is kept whole beside a cut id


def test_the_command_fits_the_terminal(tmp_path):
    """The command itself lays the report out for the console's width (COLUMNS when piped)."""
    (tmp_path / "long.yaml").write_text(PROFILE, encoding="utf-8")
    (tmp_path / "job.txt").write_text(POSTING, encoding="utf-8")
    result = CliRunner().invoke(APP, ["tailor", str(tmp_path / "long.yaml"), "--job", str(tmp_path / "job.txt")],
                                env={"COLUMNS": "60"})
    assert result.exit_code == 0, result.output
    report_lines = result.stdout.split("Render the résumé")[0].splitlines()
    assert all(cell_len(line) <= 60 for line in report_lines), result.stdout
    assert "Infrastructure as Code," in result.stdout and "Acces\n" not in result.stdout
    # Piped, no line is padded with spaces to the table's width.
    assert not [line for line in result.stdout.splitlines() if line != line.rstrip()], result.stdout

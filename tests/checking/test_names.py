"""``check`` without ``--profile`` takes the first line for the name when it reads as one:
names in any script, with an alternative name or nickname, particles and initials (user
trials: 'Jiwoo Park (박지우)', '박지우' and 'Jiwoo (Ji-woo) Park' failed as "not a name"), and
still refuses e-mail and web addresses, sentences, titles and headings, saying why."""

from __future__ import annotations

from pathlib import Path

import pytest

from resume_builder.checking.checks import check_name
from resume_builder.checking.extract import PDF, Extracted


def _first_line(line: str) -> Extracted:
    return Extracted(path=Path("x.pdf"), kind=PDF, size=1000, body=[line, "Experience"],
                     lines=[line, "Experience"], pages=1)


NAMES = [
    "Jiwoo Park (박지우)", "박지우", "Jiwoo (Ji-woo) Park", "박지우 (Jiwoo Park)", "Jiwoo Park（박지우）",
    "王小明", "山田 太郎", "ジョン・スミス",  # CJK: unspaced, spaced, katakana with its middle dot
    "محمد بن عبد الله", "ישראל ישראלי", "ג׳ורג׳ כהן", "Иван Петров", "Γιώργος Παπαδόπουλος",
    "प्रिया शर्मा", "ராமச்சந்திரன் குமார்",  # vowel signs and viramas are marks, not \w
    "Mary-Kate O'Brien", "Siobhán O’Neill", "d'Artagnan Dupont", "Omar al-Hassan", "Kaʻiulani Kawānanakoa",
    "Ludwig van Beethoven", "Johannes van der Berg", "María de la Cruz", "Juan Pablo de la Cruz Fernández García",
    "Ngũgĩ wa Thiong'o", "J. R. R. Tolkien", "J.R.R. Tolkien", "Dr. Jane Doe", "John Smith, Jr.",
    "Jane Doe, Ph.D.", "Park, Jiwoo", "Robert “Bob” Smith", "Robert 'Bob' Smith", "ALEX EXAMPLE",
    "Alex Kim (they/them)", "Alex Kim (she/her)", "Ann Example, she/her",  # pronouns (trial: "not a name")
]


@pytest.mark.parametrize("name", NAMES)
def test_a_name_reads_as_a_name(name):
    result = check_name(_first_line(name), None)
    assert result.passed, result.detail
    assert result.detail == f"the first line, {name!r}, reads as a name"


@pytest.mark.parametrize("line, why", [
    ("jiwoo.park@example.com", "e-mail address"),
    ("https://jiwoo.dev", "web address"),
    ("jiwoo.dev", "web address"),
    ("www.example.com", "web address"),
    ("I build reliable data platforms for growing teams.", "sentence"),
    ("Experienced engineer building data platforms", "sentence"),
    ("저는데이터엔지니어로일하고있습니다", "sentence"),  # a Korean sentence with no spaces
    ("Senior Platform Engineer And Open Source Maintainer Since Forever", "more words than a name (9)"),
    ("Professional Experience And Selected Open Source Contributions Since University Days", "longer than a name"),
    ("CURRICULUM VITAE: 2024", "digits"),
    ("Curriculum Vitae", "the document's title"),
    ("RESUME", "the document's title"),
    ("이력서", "the document's title"),
    ("Resume", "the document's title"),
    ("Alexander", "one word alone"),
    ("Work Experience", "section heading"),
    ("Alex Example | Platform Engineer", "characters names do not"),
    ("Jiwoo Park ()", "parentheses or quotes hold no name"),
    ("van der", "only particles"),
])
def test_what_is_not_a_name_fails_saying_why(line, why):
    result = check_name(_first_line(line), None)
    assert not result.passed
    assert result.detail.startswith(f"the first line of text is {line!r}, which does not read as a name (")
    assert why in result.detail, result.detail

"""Text that str.isdigit() accepts but int() refuses (superscripts, circled digits) is read as
not-a-number, never a crash: LinkedIn's date '²' crashed the importer (hypothesis found it).
The guard before every int() is str.isdecimal(), which accepts exactly what int() reads."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from resume_builder.importing.linkedin_dates import DateProblem, parse_linkedin_date

PACKAGE = Path(__file__).resolve().parents[1] / "resume_builder"


@pytest.mark.parametrize("cell", ["²", "Jan ²⁰²¹", "①", "2021 ³"])
def test_a_linkedin_date_of_digit_like_signs_is_a_date_problem(cell):
    with pytest.raises(DateProblem):
        parse_linkedin_date(cell)


def test_arabic_indic_digits_still_read_as_numbers():
    assert "٢٠٢١".isdecimal() and int("٢٠٢١") == 2021  # what the guard lets through, int() reads


def test_no_isdigit_guards_an_int_in_the_package():
    """The kind, everywhere: no expression that tests ``x.isdigit()`` and also calls int()."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, (ast.If, ast.IfExp, ast.BoolOp)):
                continue
            calls = [n for n in ast.walk(node) if isinstance(n, ast.Call)]
            tests_digits = any(isinstance(c.func, ast.Attribute) and c.func.attr == "isdigit" for c in calls)
            converts = any(isinstance(c.func, ast.Name) and c.func.id == "int" for c in calls)
            if tests_digits and converts:
                offenders.append(f"{path.relative_to(PACKAGE.parent)}:{node.lineno}")
    assert not offenders, offenders

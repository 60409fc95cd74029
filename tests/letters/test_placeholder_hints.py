"""A placeholder with no value says what fills it: ``{posting.title}`` was told "or position:
in the letter", which never fills it (trial); ``position:`` fills ``{position}``."""

from __future__ import annotations

import pytest

from resume_builder.schema.placeholders import unfilled


@pytest.mark.parametrize("name, hint", [
    ("posting.title", "give a job posting (--job POSTING), or write {position}, which position: in the letter fills"),
    ("posting.company", "give a job posting that names the company (--job POSTING), or write {company}, which "
                        "recipient.company in the letter fills"),
    ("position", "give a job posting (--job POSTING), or position: in the letter"),
    ("company", "give a job posting that names the company (--job POSTING), or recipient.company in the letter"),
])
def test_the_hint_names_what_fills_the_placeholder(name, hint):
    (problem,) = unfilled(f"I apply for {{{name}}}.", {})
    assert problem.hint == hint

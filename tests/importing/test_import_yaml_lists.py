"""The YAML of an import whose layout defeated the importer: every value has a ``# check:``
note, the items of a list of words too (newcomer trial). Such a list was written inline with
a comment after each item, so each item but the first began its line with a comma::

    keywords: [Go  # check: the layout defeated the importer
    , PostgreSQL # check: the layout defeated the importer
    ]

A list whose items have notes is now written one item a line; one without stays inline.
"""

from __future__ import annotations

from ruamel.yaml import YAML

from resume_builder.importing.document.build import _all_guessed
from resume_builder.interop.yaml_writer import profile_yaml

DATA = {"basics": {"name": "Rosa Quintero"},
        "skills": [{"name": "Languages", "keywords": ["Go", "C (C99)"]}],
        "projects": [{"name": "tidewatch", "keywords": ["Go", "PostgreSQL"]}]}


def test_a_list_whose_items_have_notes_is_one_item_a_line():
    notes: dict = {}
    _all_guessed(DATA, notes)  # as import_document marks a defeated layout
    text = profile_yaml(DATA, notes=notes)
    lines = text.splitlines()
    assert not [line for line in lines if line.lstrip().startswith((",", "]"))], text
    assert "      - Go  # check: the layout defeated the importer" in lines, text
    assert any(line.startswith("      - C (C99) # check:") or line.startswith("      - C (C99)  # check:")
               for line in lines), text
    assert YAML(typ="safe").load(text) == DATA


def test_a_list_without_item_notes_stays_inline():
    text = profile_yaml(DATA, notes={("projects", 0, "keywords"): ["check: guessed from line 9"]})
    assert "    keywords: [Go, PostgreSQL]  # check: guessed from line 9" in text.splitlines(), text
    assert "    keywords: [Go, C (C99)]" in text.splitlines(), text
    assert YAML(typ="safe").load(text) == DATA

"""Punctuation that belongs to a left-to-right term stays inside its isolate (UAX #9).

Before: ``B.Sc.`` → ``⁦B.Sc⁩.``, ``ו-.NET`` → ``ו-.⁦NET⁩`` and ``($1.2M`` → ``(1.2M$`` in Hebrew
text, because a leading ``.``/``$`` was taken only after a space and an abbreviation's full
stop was always left outside.
"""

from __future__ import annotations

import pytest

from resume_builder.bidi import isolate_ltr


def _marked(text: str) -> str:
    return isolate_ltr(text, start="[", end="]")


@pytest.mark.parametrize(("text", "expected"), [
    ("עם B.Sc. ו-Ph.D. בהצטיינות", "עם [B.Sc.] ו-[Ph.D.] בהצטיינות"),
    ("ניסיון ב-.NET ו-C#", "ניסיון ב-[.NET] ו-[C#]"),
    ("חסכתי ($1.2M בשנה)", "חסכתי ([$1.2M] בשנה)"),
    ("כתבתי ב-C++ ו-e.g. Go", "כתבתי ב-[C++] ו-[e.g. Go]"),
    # a sentence's full stop after an ordinary word or a file-like name stays outside
    ("עבדתי עם gRPC.", "עבדתי עם [gRPC]."),
    ("כתבתי ב-Node.js. אחר כך", "כתבתי ב-[Node.js]. אחר כך"),
    ("גרסה v2.0. סוף", "גרסה [v2.0]. סוף"),
    # a bracket whose partner is in the run goes with it
    ("על (EKS) בענן", "על [(EKS)] בענן"),
])
def test_term_punctuation_stays_inside_the_isolate(text, expected):
    assert _marked(text) == expected

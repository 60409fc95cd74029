"""A bundle's file names for any applicant's name (issue 19).

Before, a name in a script with no ASCII letters (Arabic, Japanese) gave ``applicant``
or a fragment of the name. Now a name that folds to ASCII whole gives its slug; any other
gives the profile's file stem (no transliteration), the same every time.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from resume_builder.building.bundle import name_slug
from resume_builder.cli import app


@pytest.mark.parametrize("name, stem, expected", [
    ("Zoë O'Brien", "cv", "zoe-obrien"),              # accents fold, the apostrophe goes
    ("Anne-Marie  Lüdenscheid", "cv", "anne-marie-ludenscheid"),
    ("ليلى حسن", "layla", "layla"),                    # Arabic: the profile's stem
    ("山田 花子", "hanako-yamada", "hanako-yamada"),     # Japanese
    ("José 山田", "jose-cv", "jose-cv"),               # part of the name would be a fragment
    ("Γιώργος Παπαδόπουλος", "Giorgos P", "giorgos-p"),  # the stem slugged too
    ("ليلى حسن", "ليلى", "applicant"),                 # neither gives ASCII
    ("Ingrid Søderberg", "cv", "ingrid-soderberg"),   # ø, æ, ß, ł...: Latin letters Unicode does not
    ("Łukasz Æbelø Straße", "cv", "lukasz-aebelo-strasse"),  # decompose (they fell back to "cv": trial)
])
def test_name_slug(name, stem, expected):
    assert name_slug(name, stem) == expected
    assert name_slug(name, stem) == name_slug(name, stem)


def test_a_bundle_for_a_japanese_name_uses_the_profile_file_name(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    profile = tmp_path / "hanako.yaml"
    profile.write_text("""\
lang: ja
basics: {name: 山田 花子, email: hanako@example.com}
experience:
  - {company: 株式会社サンプル, position: エンジニア, start: 2020-04}
letters:
  apply:
    recipient: {company: 株式会社サンプル}
    position: エンジニア
    body: ["{position}の職に応募いたします。"]
""", encoding="utf-8")
    result = CliRunner().invoke(app, ["bundle", str(profile), "--out-dir", "out"])
    assert result.exit_code == 0, result.output
    (folder,) = Path("out").iterdir()
    names = sorted(p.name for p in folder.iterdir())
    stem = profile.stem
    assert names == sorted([f"{stem}-{kind}.{fmt}" for kind in ("resume", "cover-letter")
                            for fmt in ("pdf", "docx", "txt")] + ["application.json"])
